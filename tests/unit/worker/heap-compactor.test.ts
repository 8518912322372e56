import { HeapCompactor } from '@gong/smpp-fleet/worker/heap-compactor';
import { memoryLogger } from '@gong/smpp-fleet/worker/logger';
import { describe, expect, it } from 'vitest';

const MB = 1024 * 1024;

describe('HeapCompactor', () => {
  it('compacts only a heap past its floor and twice what the last compaction left', () => {
    let used = 30 * MB;
    let gcs = 0;
    const log = memoryLogger();
    const c = new HeapCompactor({
      log,
      minBytes: 64 * MB,
      usedBytes: () => used,
      gc: () => {
        gcs++;
        used = 40 * MB;
      },
    });
    used = 59 * MB; // twice the 30 MB at start, but under the floor
    expect(c.maybeCompact()).toBe(false);
    used = 190 * MB; // what an overloaded stress run leaves
    expect(c.maybeCompact()).toBe(true);
    expect(gcs).toBe(1);
    expect(log.lines.at(-1)).toMatchObject({
      msg: 'heap compacted between runs',
      data: { beforeMb: 190, afterMb: 40 },
    });
    used = 75 * MB; // over the floor, but under twice the 40 MB left
    expect(c.maybeCompact()).toBe(false);
    used = 81 * MB;
    expect(c.maybeCompact()).toBe(true);
    expect(gcs).toBe(2);
  });

  it("frees a real heap's garbage without --expose-gc", () => {
    const log = memoryLogger();
    const c = new HeapCompactor({ log, minBytes: 0 });
    const start = process.memoryUsage().heapUsed;
    // small objects kept while more pile up (so most reach the old generation), then all dropped
    let junk: { i: number; s: string }[][] | undefined = [];
    while (process.memoryUsage().heapUsed < 2 * start + 48 * MB) {
      junk.push(Array.from({ length: 10_000 }, (_, i) => ({ i, s: `x${i}` })));
    }
    const held = process.memoryUsage().heapUsed;
    junk = undefined;
    expect(c.maybeCompact()).toBe(true);
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(40 * MB);
    expect(junk).toBeUndefined();
  });
});
