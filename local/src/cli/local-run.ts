import { systemClock } from '@gong/core/ports/clock';
import { seededRng } from '@gong/core/rng';
import { runLocalScenario } from '@gong/core/scenario/local-runner';
import type { Scenario } from '@gong/core/scenario/model';
import { evaluateThresholds, type ThresholdResult } from '@gong/core/thresholds/evaluate';

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * A Local (calibration) scenario runs in this process with no gateway, like OpenLC's Local server:
 * it measures Gong's own timing. Thresholds apply to the commands' time spent.
 */
export async function runLocal(scenario: Scenario, thresholds: string[], seed: number) {
  const started = Date.now();
  const result = await runLocalScenario(scenario, { clock: systemClock, rng: seededRng(seed) });
  const ms = result.transactions.map((t) => t.timeSpent * 1000).sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length);
  const latency = {
    p50: quantile(ms, 0.5),
    p90: quantile(ms, 0.9),
    p95: quantile(ms, 0.95),
    p99: quantile(ms, 0.99),
    max: ms.at(-1) ?? 0,
    mean,
  };
  const results: ThresholdResult[] = evaluateThresholds(thresholds, {
    dropPct: 0,
    totals: { sent: ms.length, invalid: 0 },
    latency: { intended: latency },
  });
  const lines = [
    `  transactions ${result.transactions.length} in ${result.elapsedSec.toFixed(1)} s (${result.iterations} iterations)`,
    ...result.stats.map(
      (s) =>
        `  ${s.name.padEnd(16)} ${s.sta.padEnd(8)} n=${s.count}${s.mean === undefined ? '' : ` mean=${s.mean.toFixed(4)}`}${s.p95 === undefined ? '' : ` p95=${s.p95.toFixed(4)}`} ${s.units}`,
    ),
    ...results.map(
      (r) => `  ${r.pass ? '✓' : '✗'} ${r.threshold.padEnd(16)} actual ${r.actual.toFixed(2)}${r.unit}`,
    ),
  ];
  return {
    report: {
      runId: `local-${started}`,
      name: scenario.name ?? 'local',
      state: 'finished',
      startedAt: started,
      endedAt: Date.now(),
      totals: { sent: ms.length, answered: ms.length },
      dropPct: 0,
      latencyMs: { intended: latency, actual: latency },
      thresholds: results,
      passed: results.every((r) => r.pass),
    },
    details: result,
    text: lines.join('\n'),
  };
}
