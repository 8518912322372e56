'use client';

import { BarChart } from '@/components/charts/bar-chart';
import { LineChart, type LineSeries } from '@/components/charts/line-chart';
import { ScatterChart } from '@/components/charts/scatter-chart';
import type { RunSeries, RunSummary } from '@/lib/api/runs';
import { fmtMs } from '@/lib/format';

/** The four stress charts, shared by the live run view and the results detail page. */
export function RunCharts({
  series,
  summary,
  names,
}: {
  series: RunSeries | undefined;
  summary: RunSummary | undefined;
  names: Record<string, string>;
}) {
  const t0 = series?.t0 ?? 0;
  const total = series?.total ?? [];
  const ops = groupBy(series?.perOperator ?? [], (p) => p.operatorId);
  const rate: LineSeries[] = [
    { id: 'sent (total)', data: total.map((p) => ({ x: p.second - t0, y: p.sent })) },
    { id: 'received (total)', data: total.map((p) => ({ x: p.second - t0, y: p.answered })) },
  ];
  if (ops.size > 1) {
    for (const [op, pts] of ops) {
      const n = names[op] ?? op;
      rate.push({ id: `sent ${n}`, data: pts.map((p) => ({ x: p.second - t0, y: p.sent })) });
      rate.push({ id: `recv ${n}`, data: pts.map((p) => ({ x: p.second - t0, y: p.answered })) });
    }
  }
  const drop: LineSeries[] = [
    {
      id: 'drop %',
      data: total.map((p) => ({
        x: p.second - t0,
        y: p.sent > 0 ? round((p.unanswered / p.sent) * 100) : 0,
      })),
    },
  ];
  const bins = (summary?.histogram.bins ?? []).map((b) => ({
    bin: `${fmtMs(b.fromMs)}–${fmtMs(b.toMs)}`,
    count: b.count,
  }));
  const scatter = [
    {
      id: 'avg latency',
      data: total.filter((p) => p.answered > 0).map((p) => ({ x: p.sent, y: round(p.meanMs) })),
    },
  ];
  return (
    <div className="grid grid-2">
      <section className="panel">
        <h3>Sent and received per second</h3>
        <LineChart
          series={rate}
          xLabel="second of run"
          yLabel="messages/s"
          label="Sent and received per second"
        />
      </section>
      <section className="panel">
        <h3>Dropped (unanswered) per second</h3>
        <LineChart series={drop} xLabel="second of run" yLabel="% unanswered" label="Drop percentage" />
      </section>
      <section className="panel">
        <h3>Latency distribution</h3>
        <BarChart
          data={bins}
          keys={['count']}
          xLabel="latency"
          yLabel="replies"
          label="Latency distribution"
        />
      </section>
      <section className="panel">
        <h3>Average latency vs sent volume</h3>
        <ScatterChart
          series={scatter}
          xLabel="sent in that second"
          yLabel="avg latency (ms)"
          label="Latency vs volume"
        />
      </section>
    </div>
  );
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

const round = (x: number) => Math.round(x * 10) / 10;
