import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { encodeBody } from '@gong/core/messages/codec';
import {
  type PackedRecords,
  packRecords,
  RecordPacker,
  type RecordSource,
  unpackRecords,
} from '@gong/core/messages/packed-records';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import type { QueuePort } from '@gong/core/ports/queue';
import { isStrayVerdict } from './exchange';
import type { Logger } from './logger';
import type { ResultsOut } from './results-out';
import { SecondBuckets } from './second-buckets';

export interface ResultSinkOptions {
  /** records per results.batch message (kept well under 256 KB after gzip) */
  maxRecords?: number;
  /** flush a batch at most this long after its first record (stress runs) */
  lingerMs?: number;
  /** linger for interactive (session) records: they must reach the queue within 250 ms */
  urgentLingerMs?: number;
  /** bodies per QueuePort.send call */
  sendChunk?: number;
}

interface OpenBatch {
  tenantId: string;
  records: RecordPacker;
  buckets: SecondBuckets;
  dueAt: number;
}

/** Raw JSON a batch may grow to before it is sealed (gzip brings it well under the 256 KB message). */
const MAX_BATCH_JSON_BYTES = 900_000;

/**
 * Streams exchange records to the results queue: many records per `results.batch` message, packed in
 * columns (core/messages/packed-records) straight from the live exchanges, sealed by count, size or time, with the per-second per-operator pre-aggregates of exactly the records in that batch
 * (the analyzer uses a batch's bucket in place of its records for that cell). Every batch has a unique
 * batchId, the analyzer's idempotency key. Sending retries with backoff; nothing queued is dropped
 * while the process lives, and `flush()` waits until everything is on the queue.
 */
export class ResultSink implements ResultsOut {
  private readonly open = new Map<string, OpenBatch>();
  private readonly outbox: string[] = [];
  private readonly maxRecords: number;
  private readonly lingerMs: number;
  private readonly urgentLingerMs: number;
  private readonly sendChunk: number;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private pumping: Promise<void> | undefined;
  private seq = 0;
  readonly stats = { records: 0, batches: 0, events: 0, bodiesSent: 0, sendErrors: 0, bytes: 0 };

  constructor(
    private readonly queue: QueuePort,
    private readonly queueName: string,
    private readonly workerId: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    options: ResultSinkOptions = {},
  ) {
    this.maxRecords = options.maxRecords ?? 2000;
    this.lingerMs = options.lingerMs ?? 1000;
    this.urgentLingerMs = options.urgentLingerMs ?? 20;
    this.sendChunk = options.sendChunk ?? 10;
  }

  /** A settled exchange; run exchanges also feed the batch's per-second buckets. */
  addExchange(ex: RecordSource, urgent = false): void {
    const batch = this.batch(ex.tenantId, urgent);
    batch.records.add(ex);
    if (ex.scope.kind === 'run') {
      const runId = ex.scope.runId;
      batch.buckets.sent(
        ex.tenantId,
        runId,
        ex.operatorId,
        ex.intendedAt,
        Math.max(0, ex.sentAt - ex.intendedAt),
      );
      batch.buckets.verdict(
        ex.tenantId,
        runId,
        ex.operatorId,
        ex.intendedAt,
        ex.verdict ?? 'unanswered',
        ex.replyAt === undefined
          ? undefined
          : { fromIntended: ex.replyAt - ex.intendedAt, fromSent: ex.replyAt - ex.sentAt },
        ex.respStatus,
      );
    }
    this.afterAdd(batch);
  }

  /** A late, duplicate or unexpected reply, reported as its own record. */
  addStray(record: ExchangeRecord, urgent = false): void {
    const batch = this.batch(record.tenantId, urgent);
    batch.records.add(record);
    if (record.scope.kind === 'run') {
      batch.buckets.verdict(
        record.tenantId,
        record.scope.runId,
        record.operatorId,
        record.intendedAt,
        record.verdict,
      );
    }
    this.afterAdd(batch);
  }

  /** A lifecycle event: queued after the tenant's pending records so it never overtakes them. */
  event(event: WorkerEvent): void {
    if ('tenantId' in event) this.seal(event.tenantId);
    this.outbox.push(encodeBody(event));
    this.stats.events++;
    this.arm(this.now());
  }

  get pendingRecords(): number {
    let n = 0;
    for (const b of this.open.values()) n += b.records.size;
    return n;
  }

  /** Seals every open batch and resolves once all of it is on the queue. */
  async flush(): Promise<void> {
    for (const tenantId of [...this.open.keys()]) this.seal(tenantId);
    while (this.outbox.length > 0 || this.pumping !== undefined) {
      if (this.pumping === undefined) this.pump();
      await this.pumping;
    }
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private batch(tenantId: string, urgent: boolean): OpenBatch {
    const now = this.now();
    let batch = this.open.get(tenantId);
    if (batch === undefined) {
      batch = {
        tenantId,
        records: new RecordPacker(),
        buckets: new SecondBuckets(),
        dueAt: now + this.lingerMs,
      };
      this.open.set(tenantId, batch);
    }
    if (urgent) batch.dueAt = Math.min(batch.dueAt, now + this.urgentLingerMs);
    return batch;
  }

  private afterAdd(batch: OpenBatch): void {
    this.stats.records++;
    if (batch.records.size >= this.maxRecords || batch.records.approxBytes >= MAX_BATCH_JSON_BYTES)
      this.seal(batch.tenantId);
    else this.arm(batch.dueAt);
  }

  private seal(tenantId: string): void {
    const batch = this.open.get(tenantId);
    if (batch === undefined) return;
    this.open.delete(tenantId);
    this.encodeInto(batch.tenantId, batch.records.take(), batch.buckets);
    this.arm(this.now());
  }

  private encodeInto(tenantId: string, packed: PackedRecords, buckets: SecondBuckets | undefined): void {
    const batch = {
      type: 'results.batch',
      v: 1,
      batchId: `${this.workerId}-${(this.seq++).toString(36)}`,
      workerId: this.workerId,
      tenantId,
      packed,
      buckets: buckets === undefined ? [] : buckets.drain(tenantId),
    } satisfies Omit<Extract<WorkerEvent, { type: 'results.batch' }>, 'records'> & { packed: PackedRecords };
    try {
      this.outbox.push(encodeBody(batch));
      this.stats.batches++;
    } catch (err) {
      if (packed.n <= 1) {
        this.log.error('dropping a results batch that cannot fit one queue message', { err: String(err) });
        return;
      }
      // too large even gzipped: split, rebuilding each half's buckets from its own records
      const records = unpackRecords(packed).map((r) => ({ ...(r as ExchangeRecord), tenantId }));
      const mid = records.length >> 1;
      this.seq--;
      for (const half of [records.slice(0, mid), records.slice(mid)])
        this.encodeInto(tenantId, packRecords(half), bucketsOf(half));
    }
  }

  private arm(at: number): void {
    if (at >= this.timerAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, at - this.now()));
    this.timer.unref?.();
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.now();
    let next = Number.POSITIVE_INFINITY;
    for (const batch of [...this.open.values()]) {
      if (batch.dueAt <= now) this.seal(batch.tenantId);
      else next = Math.min(next, batch.dueAt);
    }
    if (this.outbox.length > 0 && this.pumping === undefined) this.pump();
    if (next < Number.POSITIVE_INFINITY) this.arm(next);
  }

  private pump(): void {
    this.pumping = (async () => {
      let backoff = 100;
      while (this.outbox.length > 0) {
        const chunk = this.outbox.slice(0, this.sendChunk);
        try {
          await this.queue.send(this.queueName, chunk);
          this.outbox.splice(0, chunk.length);
          this.stats.bodiesSent += chunk.length;
          for (const b of chunk) this.stats.bytes += b.length;
          backoff = 100;
        } catch (err) {
          this.stats.sendErrors++;
          this.log.warn('results queue send failed; retrying', { err: String(err), backoffMs: backoff });
          await new Promise((r) => setTimeout(r, backoff));
          backoff = Math.min(backoff * 2, 5000);
        }
      }
    })().finally(() => {
      this.pumping = undefined;
    });
  }
}

function bucketsOf(records: ExchangeRecord[]): SecondBuckets {
  const b = new SecondBuckets();
  for (const r of records) {
    if (r.scope.kind !== 'run') continue;
    const stray = isStrayVerdict(r.verdict);
    if (!stray)
      b.sent(r.tenantId, r.scope.runId, r.operatorId, r.intendedAt, Math.max(0, r.sentAt - r.intendedAt));
    b.verdict(
      r.tenantId,
      r.scope.runId,
      r.operatorId,
      r.intendedAt,
      r.verdict,
      r.replyAt === undefined || stray
        ? undefined
        : { fromIntended: r.replyAt - r.intendedAt, fromSent: r.replyAt - r.sentAt },
      r.respStatus,
    );
  }
  return b;
}
