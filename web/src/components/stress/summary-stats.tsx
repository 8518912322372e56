'use client';

import type { RunSummary } from '@/lib/api/runs';
import { fmtMs, fmtNum } from '@/lib/format';

export function SummaryStats({ summary }: { summary: RunSummary | undefined }) {
  const t = summary?.totals;
  const l = summary?.latency.intended;
  const items: [string, string][] = [
    ['Sent', fmtNum(t?.sent)],
    ['Answered', fmtNum(t?.answered)],
    ['Valid', fmtNum(t?.valid)],
    ['Invalid', fmtNum(t?.invalid)],
    ['Unanswered', fmtNum(t?.unanswered)],
    ['Dropped', summary ? `${summary.dropPct.toFixed(2)} %` : '—'],
    ['p50 latency', fmtMs(l?.p50)],
    ['p95 latency', fmtMs(l?.p95)],
    ['p99 latency', fmtMs(l?.p99)],
    ['Numbers', fmtNum(summary?.numberCount)],
  ];
  return (
    <div className="stats" data-testid="summary-stats">
      {items.map(([label, value]) => (
        <div className="stat" key={label}>
          <span className="value">{value}</span>
          <span className="label">{label}</span>
        </div>
      ))}
    </div>
  );
}
