import type { RunComparison } from '@gong/core/analysis/comparison';
import { describe, expect, it } from 'vitest';
import { comparisonCsv } from '../../../web/src/lib/compare-csv';

const comparison: RunComparison = {
  baselineId: 'r1',
  runIds: ['r1', 'r2'],
  series: [],
  diff: [
    {
      metric: 'latency p95',
      unit: 'ms',
      better: 'lower',
      values: { r1: 100, r2: 150 },
      deltas: { r2: 50 },
    },
  ],
  verdicts: { r2: { verdict: 'regressed', reasons: ['p95 +50%'] } as RunComparison['verdicts'][string] },
};

describe('the compare view as CSV', () => {
  it('has a header and one row per metric and run, with deltas and verdicts', () => {
    const lines = comparisonCsv(comparison, (id) => (id === 'r1' ? 'Night, 1' : 'Night 2'))
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([
      'metric,unit,better,run_id,run,baseline,value,delta,verdict',
      'latency p95,ms,lower,r1,"Night, 1",yes,100,,baseline',
      'latency p95,ms,lower,r2,Night 2,no,150,50,regressed',
    ]);
  });
});
