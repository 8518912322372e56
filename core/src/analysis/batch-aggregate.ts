import { DomainError } from '../domain/errors';
import type { ExchangeRecord, Verdict } from '../domain/exchange';
import { VERDICTS } from '../domain/exchange';
import type { Expectation } from '../domain/expectation';
import type { SecondBucket } from '../messages/worker-event';
import { Histogram } from '../stats/histogram';
import { CELL_PRECISION, CellAccumulator, type CellStats, cellKey } from './cell';
import type { NumberDelta } from './number-stats';

/** How many first-mismatch examples a batch (and a run summary) keeps. */
export const MAX_EXAMPLES = 5;

export interface MismatchExample {
  recordId: string;
  operatorId: string;
  msisdn: string;
  at: number;
  stepIndex: number;
  text: string;
  expect?: Expectation;
  replyText?: string;
  verdict: Verdict;
}

export interface SessionLogEntry {
  recordId: string;
  operatorId: string;
  msisdn: string;
  stepIndex: number;
  text: string;
  encoding: string;
  intendedAt: number;
  sentAt: number;
  respStatus?: number;
  replyText?: string;
  replyAt?: number;
  latencyMs?: number;
  verdict: Verdict;
}

export interface RunBatchPart {
  runId: string;
  records: number;
  cells: CellStats[];
  numbers: NumberDelta[];
  examples: MismatchExample[];
}

export interface SessionBatchPart {
  sessionId: string;
  entries: SessionLogEntry[];
}

/** A batch reduced to what gets stored: a few cells per run, one delta per number, session log lines. */
export interface BatchAggregate {
  batchId: string;
  runs: RunBatchPart[];
  sessions: SessionBatchPart[];
}

export interface BatchInput {
  batchId: string;
  tenantId: string;
  records: readonly ExchangeRecord[];
  buckets?: readonly SecondBucket[];
}

interface RunAcc {
  records: number;
  cells: Map<string, CellAccumulator>;
  numbers: Map<string, NumberDelta>;
  examples: MismatchExample[];
}

const isMismatch = (v: Verdict) => v === 'invalid' || v === 'unexpected';
const statusKey = (s: number) => `0x${s.toString(16).padStart(2, '0')}`;

/**
 * Pure: folds a batch of exchange records into per-second cells, per-number deltas, mismatch
 * examples and session log lines. Worker pre-aggregates (`buckets` with a runId) replace the
 * records' contribution to the cells they cover; records still feed numbers and examples.
 */
export function aggregateBatch(batch: BatchInput): BatchAggregate {
  const runs = new Map<string, RunAcc>();
  const sessions = new Map<string, SessionLogEntry[]>();
  const covered = new Set<string>();
  for (const b of batch.buckets ?? []) {
    if (b.runId === undefined) continue;
    const acc = runAcc(runs, b.runId);
    const key = cellKey(b.operatorId, b.second);
    covered.add(`${b.runId}#${key}`);
    const cell = acc.cells.get(key) ?? new CellAccumulator(b.operatorId, b.second);
    acc.cells.set(key, cell);
    cell.add(bucketToCell(b));
  }

  for (const r of batch.records) {
    if (r.tenantId !== batch.tenantId) {
      throw new DomainError(
        'VALIDATION',
        `batch ${batch.batchId} of tenant ${batch.tenantId} holds record ${r.id} of tenant ${r.tenantId}`,
      );
    }
    if (r.scope.kind === 'session') {
      let log = sessions.get(r.scope.sessionId);
      if (!log) {
        log = [];
        sessions.set(r.scope.sessionId, log);
      }
      log.push(logEntry(r));
      continue;
    }
    const acc = runAcc(runs, r.scope.runId);
    acc.records++;
    // cells are keyed by the intended send second (the offered load), like the worker's SecondBuckets
    const second = Math.floor(r.intendedAt / 1000);
    const key = cellKey(r.operatorId, second);
    if (covered.size === 0 || !covered.has(`${r.scope.runId}#${key}`)) {
      let cell = acc.cells.get(key);
      if (!cell) {
        cell = new CellAccumulator(r.operatorId, second);
        acc.cells.set(key, cell);
      }
      addRecordToCell(cell, r);
    }
    addRecordToNumber(acc.numbers, r);
    if (isMismatch(r.verdict)) keepEarliest(acc.examples, example(r));
  }

  return {
    batchId: batch.batchId,
    runs: [...runs].map(([runId, a]) => ({
      runId,
      records: a.records,
      cells: [...a.cells.values()].map((c) => c.toStats()),
      numbers: [...a.numbers.values()],
      examples: a.examples,
    })),
    sessions: [...sessions].map(([sessionId, entries]) => ({
      sessionId,
      entries: entries.sort((x, y) => x.sentAt - y.sentAt || x.recordId.localeCompare(y.recordId)),
    })),
  };
}

function runAcc(runs: Map<string, RunAcc>, runId: string): RunAcc {
  let acc = runs.get(runId);
  if (!acc) {
    acc = { records: 0, cells: new Map(), numbers: new Map(), examples: [] };
    runs.set(runId, acc);
  }
  return acc;
}

function addRecordToCell(cell: CellAccumulator, r: ExchangeRecord): void {
  const v = r.verdict;
  cell.verdicts[v] = (cell.verdicts[v] ?? 0) + 1;
  if (v === 'unexpected') return; // a reply nobody sent for: no send, no latency
  cell.sent++;
  if (r.respStatus !== undefined && r.respStatus !== 0) {
    const k = statusKey(r.respStatus);
    cell.errorsByStatus[k] = (cell.errorsByStatus[k] ?? 0) + 1;
  }
  const lag = r.sentAt - r.intendedAt;
  if (lag > cell.maxLagMs) cell.maxLagMs = lag;
  if (r.replyAt !== undefined) {
    cell.answered++;
    cell.latency.record(r.replyAt - r.intendedAt);
    cell.latencyActual.record(r.replyAt - r.sentAt);
  }
}

function addRecordToNumber(numbers: Map<string, NumberDelta>, r: ExchangeRecord): void {
  let d = numbers.get(r.msisdn);
  const start = Math.min(r.intendedAt, r.sentAt);
  const end = Math.max(r.sentAt, r.replyAt ?? r.respAt ?? r.sentAt);
  if (!d) {
    d = {
      msisdn: r.msisdn,
      operatorId: r.operatorId,
      sent: 0,
      responses: 0,
      valid: 0,
      invalid: 0,
      unanswered: 0,
      busyMs: 0,
      latencySumMs: 0,
      firstAt: start,
      lastAt: end,
    };
    numbers.set(r.msisdn, d);
  } else {
    if (start < d.firstAt) d.firstAt = start;
    if (end > d.lastAt) d.lastAt = end;
  }
  if (r.verdict !== 'unexpected') {
    d.sent++;
    d.busyMs += Math.max(0, (r.replyAt ?? r.respAt ?? r.sentAt) - r.sentAt);
  }
  if (r.replyAt !== undefined) {
    d.responses++;
    if (r.verdict !== 'unexpected') d.latencySumMs += Math.max(0, r.replyAt - r.intendedAt);
  }
  if (r.verdict === 'valid') d.valid++;
  else if (r.verdict === 'invalid') d.invalid++;
  else if (r.verdict === 'unanswered') d.unanswered++;
}

function example(r: ExchangeRecord): MismatchExample {
  return {
    recordId: r.id,
    operatorId: r.operatorId,
    msisdn: r.msisdn,
    at: r.sentAt,
    stepIndex: r.stepIndex,
    text: r.text,
    ...(r.expect ? { expect: r.expect } : {}),
    ...(r.replyText !== undefined ? { replyText: r.replyText } : {}),
    verdict: r.verdict,
  };
}

/** Keeps the MAX_EXAMPLES earliest examples, ties broken by record id (deterministic across batches). */
export function keepEarliest(list: MismatchExample[], e: MismatchExample): void {
  list.push(e);
  list.sort((a, b) => a.at - b.at || a.recordId.localeCompare(b.recordId));
  if (list.length > MAX_EXAMPLES) list.length = MAX_EXAMPLES;
}

function logEntry(r: ExchangeRecord): SessionLogEntry {
  return {
    recordId: r.id,
    operatorId: r.operatorId,
    msisdn: r.msisdn,
    stepIndex: r.stepIndex,
    text: r.text,
    encoding: r.encoding,
    intendedAt: r.intendedAt,
    sentAt: r.sentAt,
    ...(r.respStatus !== undefined ? { respStatus: r.respStatus } : {}),
    ...(r.replyText !== undefined ? { replyText: r.replyText } : {}),
    ...(r.replyAt !== undefined ? { replyAt: r.replyAt, latencyMs: r.replyAt - r.sentAt } : {}),
    verdict: r.verdict,
  };
}

function bucketToCell(b: SecondBucket): CellStats {
  const verdicts: Partial<Record<Verdict, number>> = {};
  for (const v of VERDICTS) {
    const n = b.verdicts[v];
    if (n) verdicts[v] = n;
  }
  const hist = (data: SecondBucket['latency']) =>
    data
      ? new Histogram(CELL_PRECISION).merge(Histogram.fromData(data)).toData()
      : new Histogram(CELL_PRECISION).toData();
  return {
    operatorId: b.operatorId,
    second: b.second,
    sent: b.sent,
    answered: b.answered,
    verdicts,
    errorsByStatus: { ...b.errorsByStatus },
    latency: hist(b.latency),
    latencyActual: hist(b.latencyActual),
    maxLagMs: b.maxLagMs,
  };
}
