import { performance } from 'node:perf_hooks';
import type { Clock } from '@gong/core/ports/clock';

/**
 * Epoch milliseconds with sub-millisecond resolution: Date.now() anchored once, then advanced by the
 * monotonic performance clock, so intended-time pacing and latencies are not quantised to 1 ms and do
 * not jump when the wall clock is adjusted. Re-anchors when the two drift apart by more than 20 ms.
 */
export function preciseClock(): Clock {
  let anchorEpoch = Date.now();
  let anchorPerf = performance.now();
  let checks = 0;
  return {
    now() {
      const t = anchorEpoch + (performance.now() - anchorPerf);
      if (++checks >= 100_000) {
        checks = 0;
        const wall = Date.now();
        if (Math.abs(wall - t) > 20) {
          anchorEpoch = wall;
          anchorPerf = performance.now();
          return wall;
        }
      }
      return t;
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
