import type { ExchangeRecord } from '@gong/core/domain/exchange';
import type { RecordSource } from '@gong/core/messages/packed-records';
import type { WorkerEvent } from '@gong/core/messages/worker-event';

export interface ResultsOutStats {
  records: number;
  batches: number;
  events: number;
  bodiesSent: number;
  sendErrors: number;
  bytes: number;
}

/**
 * Where a worker's results go: settled exchanges, stray replies and lifecycle events, in order per
 * tenant. `ResultSink` does it on the calling thread (tests, small setups); `ThreadedResultSink` hands
 * records to a worker thread that batches, encodes and sends them off the SMPP hot path.
 */
export interface ResultsOut {
  readonly stats: ResultsOutStats;
  /** A settled exchange (times may carry sub-millisecond precision); run exchanges feed the buckets. */
  addExchange(ex: RecordSource, urgent?: boolean): void;
  /** A late, duplicate or unexpected reply, reported as its own record. */
  addStray(record: ExchangeRecord, urgent?: boolean): void;
  /** A lifecycle event, queued after the tenant's pending records so it never overtakes them. */
  event(event: WorkerEvent): void;
  /** Resolves once everything handed over so far is on the queue. */
  flush(): Promise<void>;
  close(): void;
}
