import { evaluateThresholds, parseThreshold, type ThresholdSubject } from '@gong/core/thresholds/evaluate';
import { describe, expect, it } from 'vitest';

const subject = (
  over: Partial<{ dropPct: number; p95: number; invalid: number; sent: number }> = {},
): ThresholdSubject => ({
  dropPct: over.dropPct ?? 0.5,
  totals: { sent: over.sent ?? 1000, invalid: over.invalid ?? 3 },
  latency: { intended: { p50: 40, p90: 80, p95: over.p95 ?? 120, p99: 400, max: 900, mean: 55 } },
});

describe('thresholds', () => {
  it('parses units: ms, s and %', () => {
    expect(parseThreshold('p95<500ms')).toMatchObject({ metric: 'p95', op: '<', limit: 500 });
    expect(parseThreshold(' p99 <= 2s ')).toMatchObject({ metric: 'p99', op: '<=', limit: 2000 });
    expect(parseThreshold('drop<1%')).toMatchObject({ metric: 'drop', op: '<', limit: 1 });
  });

  it('rejects nonsense with a message that shows the expected form', () => {
    expect(() => parseThreshold('p97<5ms')).toThrow(/e\.g\. "p95<500ms"/);
    expect(() => parseThreshold('drop<5ms')).toThrow(/percentage/);
    expect(() => parseThreshold('p95<5%')).toThrow(/latency/);
  });

  it('passes and fails on the boundary as the operator says', () => {
    const results = evaluateThresholds(['p95<120ms', 'p95<=120ms', 'drop<1%', 'invalid<0.2%'], subject());
    expect(results.map((r) => r.pass)).toEqual([false, true, true, false]);
    expect(results[3]).toMatchObject({ actual: 0.3, unit: '%' });
  });

  it('treats an empty run as 0% invalid rather than dividing by zero', () => {
    expect(evaluateThresholds(['invalid<1%'], subject({ sent: 0, invalid: 0 }))[0]?.pass).toBe(true);
  });
});
