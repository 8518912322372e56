import { decodeBody } from '@gong/core/messages/codec';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import type { QueuePort, ReceivedMessage } from '@gong/core/ports/queue';
import { Histogram } from '@gong/core/stats/histogram';
import { Exchange } from '@gong/smpp-fleet/worker/exchange';
import { memoryLogger } from '@gong/smpp-fleet/worker/logger';
import { compileExpectation } from '@gong/smpp-fleet/worker/matcher';
import { ResultSink } from '@gong/smpp-fleet/worker/result-sink';
import { describe, expect, it } from 'vitest';

class ListQueue implements QueuePort {
  readonly bodies: string[] = [];
  calls = 0;
  failNext = 0;
  async send(_queue: string, bodies: string[]) {
    this.calls++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('throttled');
    }
    this.bodies.push(...bodies);
    return bodies.map((_, i) => String(i));
  }
  async receive(): Promise<ReceivedMessage[]> {
    return [];
  }
  async ack() {}
  async release() {}
  async depth() {
    return this.bodies.length;
  }
  async purge() {}
  events() {
    return this.bodies.map((b) => decodeBody(WorkerEvent, b));
  }
}

let n = 0;
function settledExchange(tenantId: string, intendedAt: number, latency: number, text = 'hello'): Exchange {
  const expect = { kind: 'any' as const };
  const ex = new Exchange(
    'id',
    n++,
    tenantId,
    { kind: 'run', runId: 'r1' },
    'op1',
    '40711',
    0,
    text,
    'auto',
    expect,
    compileExpectation(expect),
    1000,
    intendedAt,
    () => {},
  );
  ex.sentAt = intendedAt + 1;
  ex.replyAt = intendedAt + latency;
  ex.replyText = 'hi';
  ex.verdict = 'valid';
  return ex;
}

describe('ResultSink', () => {
  it('packs many records per message, splits by record count, with unique batch ids', async () => {
    const q = new ListQueue();
    const sink = new ResultSink(q, 'results', 'w1', memoryLogger(), Date.now, {
      maxRecords: 100,
      lingerMs: 60_000,
    });
    for (let i = 0; i < 250; i++) sink.addExchange(settledExchange('t1', 1_000_000 + i, 50));
    await sink.flush();
    const batches = q.events().filter((e) => e.type === 'results.batch');
    expect(batches.map((b) => (b.type === 'results.batch' ? b.records.length : 0))).toEqual([100, 100, 50]);
    expect(new Set(batches.map((b) => (b.type === 'results.batch' ? b.batchId : ''))).size).toBe(3);
    sink.close();
  });

  it('ships per-second buckets covering exactly the records of the same batch', async () => {
    const q = new ListQueue();
    const sink = new ResultSink(q, 'results', 'w1', memoryLogger(), Date.now, {
      maxRecords: 3,
      lingerMs: 60_000,
    });
    sink.addExchange(settledExchange('t1', 5_000_100, 40));
    sink.addExchange(settledExchange('t1', 5_000_900, 60));
    sink.addExchange(settledExchange('t1', 5_001_100, 50));
    sink.addExchange(settledExchange('t1', 5_001_200, 52));
    await sink.flush();
    const [first, second] = q.events();
    if (first?.type !== 'results.batch' || second?.type !== 'results.batch')
      throw new Error('expected batches');
    expect(first.buckets.map((b) => [b.second, b.sent, b.answered])).toEqual([
      [5000, 2, 2],
      [5001, 1, 1],
    ]);
    expect(second.buckets.map((b) => [b.second, b.sent])).toEqual([[5001, 1]]);
    const h = Histogram.fromData(
      first.buckets[0]?.latency ?? { precision: 2, counts: {}, total: 0, min: 0, max: 0, sum: 0 },
    );
    expect(h.count).toBe(2);
    expect(h.max).toBeCloseTo(60, 0);
    expect(first.buckets[0]?.runId).toBe('r1');
    sink.close();
  });

  it('keeps tenants in separate batches and stays under the queue limit with large texts', async () => {
    const q = new ListQueue();
    const sink = new ResultSink(q, 'results', 'w1', memoryLogger(), Date.now, {
      maxRecords: 5000,
      lingerMs: 60_000,
    });
    let x = 7;
    const noise = () => {
      let out = '';
      for (let k = 0; k < 2000; k++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        out += String.fromCharCode(33 + ((x >>> 16) % 90));
      }
      return out;
    };
    for (let i = 0; i < 1200; i++)
      sink.addExchange(settledExchange(i % 2 ? 't1' : 't2', 1_000_000 + i, 5, noise()));
    await sink.flush();
    const batches = q.events();
    expect(q.bodies.every((b) => b.length < 256_000)).toBe(true);
    const byTenant = new Map<string, number>();
    for (const b of batches)
      if (b.type === 'results.batch')
        byTenant.set(b.tenantId, (byTenant.get(b.tenantId) ?? 0) + b.records.length);
    expect(Object.fromEntries(byTenant)).toEqual({ t1: 600, t2: 600 });
    expect(batches.length).toBeGreaterThan(2);
    let bucketSent = 0;
    for (const b of batches) if (b.type === 'results.batch') for (const k of b.buckets) bucketSent += k.sent;
    expect(bucketSent).toBe(1200);
    sink.close();
  });

  it('flushes urgent (session) records within the short linger', async () => {
    const q = new ListQueue();
    const sink = new ResultSink(q, 'results', 'w1', memoryLogger(), Date.now, {
      lingerMs: 60_000,
      urgentLingerMs: 10,
    });
    sink.addExchange(settledExchange('t1', Date.now(), 5), true);
    await new Promise((r) => setTimeout(r, 60));
    expect(q.bodies).toHaveLength(1);
    sink.close();
  });

  it('retries a failed send without losing the batch', async () => {
    const q = new ListQueue();
    q.failNext = 2;
    const log = memoryLogger();
    const sink = new ResultSink(q, 'results', 'w1', log, Date.now, { lingerMs: 60_000 });
    sink.addExchange(settledExchange('t1', 1_000_000, 5));
    await sink.flush();
    expect(q.events()).toHaveLength(1);
    expect(sink.stats.sendErrors).toBe(2);
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    sink.close();
  });
});
