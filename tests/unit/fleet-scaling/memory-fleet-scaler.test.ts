import { MemoryFleetScaler } from '@gong/core/adapters/memory/fleet-scaler';
import { releasedCount } from '@gong/core/ports/fleet-scaler';
import { describe, expect, it } from 'vitest';

describe('MemoryFleetScaler (twin)', () => {
  it('starts at the baseline, scales a run’s slots to one worker, releases down to the baseline', async () => {
    const fleet = new MemoryFleetScaler(3, 0);
    await fleet.ensureRunning([0, 2]);
    await fleet.ensureRunning([2]);
    expect([0, 1, 2].map((s) => fleet.desiredCount(s))).toEqual([1, 0, 1]);
    await fleet.release([2]);
    expect([0, 1, 2].map((s) => fleet.desiredCount(s))).toEqual([1, 0, 0]);
    expect(fleet.changes).toEqual(['slot 0: 0 → 1', 'slot 2: 0 → 1', 'slot 2: 1 → 0']);
  });

  it('with baseline 1, release never stops a worker and never raises a slot someone set to 0', async () => {
    const fleet = new MemoryFleetScaler(2, 1, 0);
    await fleet.ensureRunning([0]);
    await fleet.release([0, 1]);
    expect([fleet.desiredCount(0), fleet.desiredCount(1)]).toEqual([1, 0]);
  });

  it('an unknown slot is a validation error', async () => {
    await expect(new MemoryFleetScaler(2).ensureRunning([2])).rejects.toThrow(/slot 2 does not exist/);
  });

  it('releasedCount: never above the current count, the baseline or one worker per slot', () => {
    expect(releasedCount(1, 0)).toBe(0);
    expect(releasedCount(1, 1)).toBe(1);
    expect(releasedCount(0, 1)).toBe(0);
    expect(releasedCount(1, 5)).toBe(1);
  });
});
