import type { RunComparison } from '@gong/core/analysis/comparison';

const cell = (v: string | number | undefined) => {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The compare view as CSV, one row per metric and run: its value, its difference from the baseline and
 * the run's regression verdict.
 */
export function comparisonCsv(c: RunComparison, label: (runId: string) => string): string {
  const header = ['metric', 'unit', 'better', 'run_id', 'run', 'baseline', 'value', 'delta', 'verdict'];
  const rows = c.diff.flatMap((row) =>
    c.runIds.map((id) => [
      row.metric,
      row.unit,
      row.better,
      id,
      label(id),
      id === c.baselineId ? 'yes' : 'no',
      row.values[id],
      row.deltas[id],
      id === c.baselineId ? 'baseline' : c.verdicts[id]?.verdict,
    ]),
  );
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
