import type { ThresholdResult } from '@gong/core/thresholds/evaluate';

/** What `gong run` prints and saves at the end of a run. */
export interface RunReport {
  runId: string;
  name: string;
  state: string;
  startedAt?: number;
  endedAt?: number;
  totals: Record<string, unknown> & { sent: number; answered: number };
  dropPct: number;
  latencyMs: { intended: Record<string, number>; actual: Record<string, number> };
  thresholds: ThresholdResult[];
  passed: boolean;
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

export function summaryTable(report: RunReport): string {
  const t = report.totals as Record<string, number>;
  const li = report.latencyMs.intended;
  const la = report.latencyMs.actual;
  const rows = [
    ['run', `${report.runId} (${report.state})`],
    ['sent / answered', `${t.sent} / ${t.answered}`],
    ['valid / invalid', `${t.valid ?? 0} / ${t.invalid ?? 0}`],
    ['unanswered / late / duplicate', `${t.unanswered ?? 0} / ${t.late ?? 0} / ${t.duplicate ?? 0}`],
    ['unexpected / error', `${t.unexpected ?? 0} / ${t.error ?? 0}`],
    ['drop %', fmt(report.dropPct, 2)],
    [
      'latency p50 / p95 / p99 / max (intended)',
      `${fmt(li.p50)} / ${fmt(li.p95)} / ${fmt(li.p99)} / ${fmt(li.max)} ms`,
    ],
    [
      'latency p50 / p95 / p99 / max (actual)',
      `${fmt(la.p50)} / ${fmt(la.p95)} / ${fmt(la.p99)} / ${fmt(la.max)} ms`,
    ],
  ];
  const width = Math.max(...rows.map((r) => (r[0] as string).length));
  const lines = rows.map(([k, v]) => `  ${(k as string).padEnd(width)}  ${v}`);
  if (report.thresholds.length) {
    lines.push('', '  thresholds:');
    for (const r of report.thresholds) {
      lines.push(`    ${r.pass ? '✓' : '✗'} ${r.threshold.padEnd(16)} actual ${fmt(r.actual, 2)}${r.unit}`);
    }
  }
  return lines.join('\n');
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: one test case per threshold (CI systems show them as tests). */
export function junitXml(report: RunReport): string {
  const cases = report.thresholds.length
    ? report.thresholds
    : [{ threshold: 'run finished', actual: 0, unit: 'ms' as const, pass: report.state === 'finished' }];
  const failures = cases.filter((c) => !c.pass).length;
  const seconds = report.startedAt && report.endedAt ? (report.endedAt - report.startedAt) / 1000 : 0;
  const body = cases
    .map((c) => {
      const name = esc(c.threshold);
      const failure = c.pass ? '' : `<failure message="${name}: actual ${fmt(c.actual, 2)}${c.unit}"/>`;
      return `    <testcase classname="gong.${esc(report.name || report.runId)}" name="${name}">${failure}</testcase>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="gong run ${esc(report.name || report.runId)}" tests="${cases.length}" failures="${failures}" time="${seconds}">
${body}
  </testsuite>
</testsuites>
`;
}
