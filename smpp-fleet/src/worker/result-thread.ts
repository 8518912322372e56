import { Worker as Thread } from 'node:worker_threads';
import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { type PackedRecords, RecordPacker, type RecordSource } from '@gong/core/messages/packed-records';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import type { Logger } from './logger';
import type { ResultSinkOptions } from './result-sink';
import type { ResultsOut, ResultsOutStats } from './results-out';

/** main thread → results thread */
export type ToResultThread =
  | { kind: 'chunk'; tenantId: string; urgent: boolean; packed: PackedRecords }
  | { kind: 'event'; event: WorkerEvent }
  | { kind: 'flush'; id: number };

/** results thread → main thread */
export type FromResultThread =
  | { kind: 'stats'; stats: ResultsOutStats }
  | { kind: 'flushed'; id: number; stats: ResultsOutStats };

export interface ResultThreadConfig {
  queueName: string;
  workerId: string;
  sink: ResultSinkOptions;
}

/**
 * Run from TypeScript source (tsx), the thread starts from a small boot file that registers tsx; in
 * the container image the worker is one bundle with the thread bundled beside it (smpp-fleet/Dockerfile).
 */
const THREAD_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./result-thread-boot.mjs', import.meta.url)
  : new URL('./result-thread.mjs', import.meta.url);

/** records per hand-over (a structured clone of a few hundred rows of columns: tens of µs) */
const CHUNK_RECORDS = 256;
/** longest a record waits on the main thread before it is handed over */
const CHUNK_LINGER_MS = 10;

interface OpenChunk {
  packer: RecordPacker;
  urgent: boolean;
}

/**
 * Results out of the SMPP hot path: the main thread only packs settled exchanges into columns (exact
 * times kept) and hands them over in small chunks; a worker thread rebuilds the records, keeps the
 * per-second HDR buckets, batches, encodes and sends to SQS (a ResultSink over SqsQueue). JSON and
 * gzip work and AWS SDK calls never stall the thread that stamps send and reply times. Order per
 * tenant is kept: an event goes after that tenant's chunks on the same channel.
 */
export class ThreadedResultSink implements ResultsOut {
  readonly stats: ResultsOutStats = {
    records: 0,
    batches: 0,
    events: 0,
    bodiesSent: 0,
    sendErrors: 0,
    bytes: 0,
  };
  private readonly open = new Map<string, OpenChunk>();
  private readonly flushes = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private timer: NodeJS.Timeout | undefined;
  private thread: Thread;
  private flushSeq = 0;
  private closed = false;

  constructor(
    private readonly config: ResultThreadConfig,
    private readonly log: Logger,
  ) {
    this.thread = this.spawn();
  }

  addExchange(ex: RecordSource, urgent = false): void {
    this.add(ex, urgent);
  }

  addStray(record: ExchangeRecord, urgent = false): void {
    this.add(record, urgent);
  }

  event(event: WorkerEvent): void {
    if ('tenantId' in event) this.handOver(event.tenantId);
    this.post({ kind: 'event', event });
  }

  flush(): Promise<void> {
    for (const tenantId of [...this.open.keys()]) this.handOver(tenantId);
    const id = ++this.flushSeq;
    return new Promise<void>((resolve, reject) => {
      this.flushes.set(id, { resolve, reject });
      this.post({ kind: 'flush', id });
    });
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    void this.thread.terminate();
  }

  private add(r: RecordSource, urgent: boolean): void {
    let chunk = this.open.get(r.tenantId);
    if (chunk === undefined) {
      chunk = { packer: new RecordPacker(true), urgent: false };
      this.open.set(r.tenantId, chunk);
    }
    chunk.packer.add(r);
    if (urgent) chunk.urgent = true;
    this.stats.records++;
    if (chunk.packer.size >= CHUNK_RECORDS) this.handOver(r.tenantId);
    else if (this.timer === undefined) this.timer = setTimeout(this.onTimer, CHUNK_LINGER_MS);
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    for (const tenantId of [...this.open.keys()]) this.handOver(tenantId);
  };

  private handOver(tenantId: string): void {
    const chunk = this.open.get(tenantId);
    if (chunk === undefined) return;
    this.open.delete(tenantId);
    this.post({ kind: 'chunk', tenantId, urgent: chunk.urgent, packed: chunk.packer.take() });
  }

  private post(message: ToResultThread): void {
    this.thread.postMessage(message);
  }

  private spawn(): Thread {
    const thread = new Thread(THREAD_ENTRY, {
      workerData: this.config,
    });
    thread.on('message', (m: FromResultThread) => {
      Object.assign(this.stats, { ...m.stats, records: this.stats.records });
      if (m.kind === 'flushed') {
        this.flushes.get(m.id)?.resolve();
        this.flushes.delete(m.id);
      }
    });
    thread.on('error', (err) => {
      this.log.error('results thread failed; records it held are lost, starting a new one', {
        err: String(err.stack ?? err),
      });
    });
    thread.on('exit', (code) => {
      if (this.closed) return;
      for (const f of this.flushes.values()) f.reject(new Error(`results thread exited (${code})`));
      this.flushes.clear();
      this.thread = this.spawn();
    });
    thread.unref();
    return thread;
  }
}
