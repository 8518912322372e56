import { aggregateBatch } from '@gong/core/analysis/batch-aggregate';
import { decodeWorkerEvent } from '@gong/core/analysis/fast-decode';
import { isDomainError } from '@gong/core/domain/errors';
import { RESULTS_QUEUE } from '@gong/core/infra/resources';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import type { MetricsStore } from '@gong/core/ports/metrics-store';
import type { SqsBatchResponse, SqsEvent, SqsRecord } from './sqs-event';

export type LifecycleEvent = Exclude<WorkerEvent, { type: 'results.batch' }>;

export interface AnalyzerDeps {
  metrics: MetricsStore;
  /** worker.status, run.* and session.event go here (run control, fleet status); ignored when absent */
  onEvent?: (event: LifecycleEvent) => Promise<void>;
  /** one JSON-able entry per call */
  log: (entry: Record<string, unknown>) => void;
  /** receives after which SQS dead-letters a message (to say so in the log) */
  maxReceiveCount?: number;
  /** messages of one event applied at the same time */
  concurrency?: number;
}

export type Outcome =
  | { kind: 'applied'; records: number; writeRequests: number }
  | { kind: 'duplicate' }
  | { kind: 'event' }
  | { kind: 'poison'; reason: string }
  | { kind: 'failed'; reason: string };

/** Poison: can never be applied (bad encoding, bad schema, records of another tenant). */
class Poison extends Error {}

async function apply(deps: AnalyzerDeps, record: SqsRecord): Promise<Outcome> {
  let event: WorkerEvent;
  try {
    event = decodeWorkerEvent(record.body);
  } catch (e) {
    return { kind: 'poison', reason: describe(e) };
  }
  try {
    if (event.type !== 'results.batch') {
      await deps.onEvent?.(event);
      return { kind: 'event' };
    }
    let aggregate: ReturnType<typeof aggregateBatch>;
    try {
      aggregate = aggregateBatch(event);
    } catch (e) {
      throw isDomainError(e, 'VALIDATION') ? new Poison(e.message) : e;
    }
    const result = await deps.metrics.applyBatch(event.tenantId, aggregate);
    return result.applied
      ? { kind: 'applied', records: event.records.length, writeRequests: result.writeRequests }
      : { kind: 'duplicate' };
  } catch (e) {
    if (e instanceof Poison) return { kind: 'poison', reason: e.message };
    return { kind: 'failed', reason: describe(e) };
  }
}

function describe(e: unknown): string {
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray(e.issues)) {
    const issues = e.issues as { path: (string | number)[]; message: string }[];
    return `invalid message: ${issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ')}`;
  }
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * The analyzer: applies every message of an SQS event and reports the ones it could not apply as
 * batch item failures. Poison messages are failures too, so SQS dead-letters them after
 * maxReceiveCount receives; the reason is logged on the first receive and again on the last.
 */
export async function processSqsEvent(deps: AnalyzerDeps, event: SqsEvent): Promise<SqsBatchResponse> {
  const maxReceive = deps.maxReceiveCount ?? RESULTS_QUEUE.deadLetter?.maxReceiveCount ?? 5;
  const records = event.Records;
  const outcomes: Outcome[] = new Array(records.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < records.length; i = next++) {
      outcomes[i] = await apply(deps, records[i] as SqsRecord);
    }
  };
  await Promise.all(Array.from({ length: Math.min(records.length, deps.concurrency ?? 4) }, worker));

  const failures: { itemIdentifier: string }[] = [];
  outcomes.forEach((outcome, i) => {
    const record = records[i] as SqsRecord;
    if (outcome.kind === 'poison' || outcome.kind === 'failed')
      failures.push({ itemIdentifier: record.messageId });
    const receives = Number(record.attributes?.ApproximateReceiveCount ?? '1');
    if (outcome.kind === 'poison' && (receives <= 1 || receives >= maxReceive)) {
      deps.log({
        level: 'error',
        msg:
          receives >= maxReceive
            ? 'poison message: giving up, SQS moves it to the dead-letter queue'
            : `poison message: rejected; SQS dead-letters it after ${maxReceive} receives`,
        messageId: record.messageId,
        receives,
        reason: outcome.reason,
      });
    } else if (outcome.kind === 'failed') {
      deps.log({
        level: 'warn',
        msg: 'could not apply message; it will be retried',
        messageId: record.messageId,
        receives,
        reason: outcome.reason,
      });
    }
  });
  return { batchItemFailures: failures };
}
