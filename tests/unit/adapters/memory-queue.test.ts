import { MemoryQueue } from '@gong/core/adapters/memory/memory-queue';
import { ManualClock } from '@gong/core/ports/clock';
import { describe, expect, it } from 'vitest';
import { queueContract } from '../../contract/queue-contract';

let clock = new ManualClock(Date.now());

queueContract('memory twin (manual clock)', {
  makeQueue: async (defs) => {
    clock = new ManualClock(Date.now());
    return new MemoryQueue(defs, clock);
  },
  elapse: async (ms) => clock.advance(ms),
});

describe('MemoryQueue specifics', () => {
  const def = { name: 'q', fifo: false, visibilityTimeoutSec: 30, receiveWaitSec: 20, retentionSec: 60 };

  it('wakes a long poll when an in-flight message becomes visible again', async () => {
    const local = new ManualClock(0);
    const manual = new MemoryQueue([def], local);
    await manual.send('q', ['m']);
    await manual.receive('q', { visibilityTimeoutSec: 5, waitSeconds: 0 });

    const polling = manual.receive('q', { waitSeconds: 20 });
    local.advance(5_000);
    const got = await polling;

    expect(got.map((m) => m.receiveCount)).toEqual([2]);
  });

  it('refuses a redrive target that is not defined', () => {
    expect(() => new MemoryQueue([{ ...def, deadLetter: { name: 'missing', maxReceiveCount: 1 } }])).toThrow(
      /missing/,
    );
  });
});
