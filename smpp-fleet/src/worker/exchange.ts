import type { ExchangeRecord, Verdict } from '@gong/core/domain/exchange';
import type { Expectation } from '@gong/core/domain/expectation';
import type { Encoding, Segmentation } from '@gong/core/domain/message';
import type { Matcher } from './matcher';

export type ExchangeScope = { kind: 'run'; runId: string } | { kind: 'session'; sessionId: string };

/** Called once when an exchange gets its verdict (or a late/duplicate/unexpected reply is seen). */
export type VerdictListener = (exchange: Exchange) => void;

/**
 * Record ids: a worker's prefix and a counter, written in base 36 (`w3f9c2a1b0` + `k4x`). An exchange
 * keeps the two parts and builds the string only for its record (see `Exchange.copyFrom`).
 */
export class RecordIds {
  private seq = 0;

  constructor(readonly prefix: string) {}

  next(): number {
    return this.seq++;
  }

  /** a whole id, for records that are not exchanges (stray replies) */
  nextId(): string {
    return recordId(this.prefix, this.next());
  }
}

export function recordId(prefix: string, seq: number): string {
  return prefix + seq.toString(36);
}

/**
 * One sent message in flight, from intended send time to verdict. Mutable and allocation-light: it is
 * the hot-path object of the executor. Times are epoch ms with sub-ms precision (rounded in records).
 */
export class Exchange {
  sentAt = 0;
  respStatus: number | undefined;
  replyText: string | undefined;
  verdict: Verdict | undefined;
  // Reply and response times are doubles, NaN until known, behind accessors that say undefined. A
  // field that may hold undefined keeps each double in a box of its own, and every box a remembered
  // copy points at (see copyFrom) would survive a scavenge.
  private respAtMs = NaN;
  private replyAtMs = NaN;
  deadline = 0;
  /** number slot index inside the run (or -1 for sessions) */
  numberIndex = -1;
  /** late/duplicate replies already reported for this exchange */
  strays = 0;
  /** pause after this exchange settles before its number sends again */
  thinkMs = 0;
  segmentation: Segmentation = 'udh8';

  constructor(
    readonly idPrefix: string,
    readonly idSeq: number,
    readonly tenantId: string,
    readonly scope: ExchangeScope,
    readonly operatorId: string,
    readonly msisdn: string,
    readonly stepIndex: number,
    readonly text: string,
    readonly encoding: Encoding,
    readonly expect: Expectation,
    readonly matcher: Matcher,
    readonly timeoutMs: number,
    readonly intendedAt: number,
    readonly listener: VerdictListener,
    readonly sequenceId?: string,
  ) {}

  get id(): string {
    return recordId(this.idPrefix, this.idSeq);
  }

  get respAt(): number | undefined {
    return Number.isNaN(this.respAtMs) ? undefined : this.respAtMs;
  }

  set respAt(at: number | undefined) {
    this.respAtMs = at ?? Number.NaN;
  }

  get replyAt(): number | undefined {
    return Number.isNaN(this.replyAtMs) ? undefined : this.replyAtMs;
  }

  set replyAt(at: number | undefined) {
    this.replyAtMs = at ?? Number.NaN;
  }

  get done(): boolean {
    return this.verdict !== undefined;
  }

  /** the same exchange (or a copy of it) */
  is(other: Exchange): boolean {
    return this.idSeq === other.idSeq && this.idPrefix === other.idPrefix;
  }

  /** An exchange to copy settled ones into (see `copyFrom`). */
  static blank(): Exchange {
    return new Exchange('', -1, '', BLANK_SCOPE, '', '', 0, '', 'auto', BLANK_EXPECT, NEVER, 0, 0, NOOP);
  }

  /**
   * Becomes a copy of `from`. The correlator remembers settled exchanges (for late and duplicate
   * replies) in objects it reuses, so the exchanges it sends die young: kept themselves for seconds,
   * each would be copied into V8's old generation, and those copies made the worker's scavenges last
   * 5-6 ms, a stall that shows in the latencies it measures. For the same reason a copy takes nothing
   * made for this one exchange: its id is the prefix and counter, its times are written in place.
   */
  copyFrom(from: Exchange): this {
    const to = this as Mutable<Exchange>;
    to.idPrefix = from.idPrefix;
    to.idSeq = from.idSeq;
    to.tenantId = from.tenantId;
    to.scope = from.scope;
    to.operatorId = from.operatorId;
    to.msisdn = from.msisdn;
    to.stepIndex = from.stepIndex;
    to.text = from.text;
    to.encoding = from.encoding;
    to.expect = from.expect;
    to.matcher = from.matcher;
    to.timeoutMs = from.timeoutMs;
    to.intendedAt = from.intendedAt;
    to.listener = from.listener;
    to.sequenceId = from.sequenceId;
    to.sentAt = from.sentAt;
    this.respAtMs = from.respAtMs;
    to.respStatus = from.respStatus;
    // most replies repeat the last one word for word: keep the old string, the new one dies young
    if (from.replyText !== to.replyText) to.replyText = from.replyText;
    this.replyAtMs = from.replyAtMs;
    to.verdict = from.verdict;
    to.deadline = from.deadline;
    to.numberIndex = from.numberIndex;
    to.strays = from.strays;
    to.thinkMs = from.thinkMs;
    to.segmentation = from.segmentation;
    return this;
  }

  toRecord(idSuffix = ''): ExchangeRecord {
    const record: ExchangeRecord = {
      id: this.id + idSuffix,
      tenantId: this.tenantId,
      scope: this.scope,
      operatorId: this.operatorId,
      msisdn: this.msisdn,
      stepIndex: this.stepIndex,
      text: this.text,
      encoding: this.encoding,
      expect: this.expect,
      intendedAt: Math.round(this.intendedAt),
      sentAt: Math.round(this.sentAt),
      verdict: this.verdict ?? 'unanswered',
    };
    if (this.sequenceId !== undefined) record.sequenceId = this.sequenceId;
    if (this.respAt !== undefined) record.respAt = Math.round(this.respAt);
    if (this.respStatus !== undefined) record.respStatus = this.respStatus;
    if (this.replyText !== undefined) record.replyText = this.replyText.slice(0, 10_000);
    if (this.replyAt !== undefined) record.replyAt = Math.round(this.replyAt);
    return record;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const BLANK_SCOPE: ExchangeScope = { kind: 'run', runId: '' };
const BLANK_EXPECT: Expectation = { kind: 'none' };
const NEVER: Matcher = () => false;
const NOOP: VerdictListener = () => {};

/** Verdicts of stray replies: records of their own, which do not count as sends. */
export function isStrayVerdict(verdict: Verdict): boolean {
  return verdict === 'late' || verdict === 'duplicate' || verdict === 'unexpected';
}

/** A reply that did not settle a pending exchange: late, duplicate or unexpected. Reported as its own record. */
export interface StrayReply {
  verdict: 'late' | 'duplicate' | 'unexpected';
  /** the exchange it belongs to (late, duplicate); undefined when unexpected */
  exchange: Exchange | undefined;
  operatorId: string;
  msisdn: string;
  text: string;
  at: number;
}
