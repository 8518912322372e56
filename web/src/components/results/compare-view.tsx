'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { LineChart } from '@/components/charts/line-chart';
import { Empty, ErrorBox, Loading } from '@/components/ui/query-state';
import { type RunView, useCompare, useRuns } from '@/lib/api/runs';
import { comparisonCsv } from '@/lib/compare-csv';
import { fmtDateTime } from '@/lib/format';

/** Save text as a file through a temporary object URL. */
function saveFile(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const VERDICT_COLOUR: Record<string, string> = { regressed: 'red', improved: 'green' };

/** Two or more runs overlaid, the diff table against a baseline and the regression verdict. */
export function CompareView({ ids, baseline }: { ids: string[]; baseline?: string }) {
  const router = useRouter();
  const cmp = useCompare(ids, baseline);
  const runs = useRuns({});
  const labels = runLabels(ids, runs.data?.items ?? []);
  const label = (id: string) => labels.get(id) ?? id;
  if (ids.length < 2) {
    return (
      <>
        <h1>Compare runs</h1>
        <Empty>
          Pick two or more runs in <Link href="/results">Results</Link> to compare them.
        </Empty>
      </>
    );
  }
  if (cmp.isPending) return <Loading what="the comparison" />;
  if (cmp.isError) return <ErrorBox error={cmp.error} retry={() => cmp.refetch()} />;
  const c = cmp.data;
  const overlay = (metric: 'sent' | 'answered' | 'p95' | 'meanMs') =>
    c.runIds.map((id) => ({
      id: label(id),
      data: c.series.flatMap((p) => {
        const v = p.runs[id];
        return v ? [{ x: p.t, y: Math.round(v[metric] * 10) / 10 }] : [];
      }),
    }));
  return (
    <div className="stack">
      <div className="spread">
        <h1 style={{ margin: 0 }}>Compare runs</h1>
        <div className="row">
          <button
            type="button"
            onClick={() =>
              saveFile(`compare-${c.runIds.join('-')}.csv`, comparisonCsv(c, label), 'text/csv;charset=utf-8')
            }
          >
            Download CSV
          </button>
          <Link className="button" href="/results">
            All results
          </Link>
        </div>
      </div>
      <section className="panel" data-testid="compare-verdicts">
        <div className="row">
          <label>
            Baseline
            <select
              value={c.baselineId}
              onChange={(e) =>
                router.replace(`/results/compare?ids=${ids.join(',')}&baseline=${e.target.value}`)
              }
            >
              {c.runIds.map((id) => (
                <option key={id} value={id}>
                  {label(id)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ul>
          {Object.entries(c.verdicts).map(([id, v]) => (
            <li key={id}>
              <strong>{label(id)}</strong> vs baseline:{' '}
              <span className={`badge ${VERDICT_COLOUR[v.verdict] ?? ''}`}>{v.verdict}</span>
              {v.reasons.length > 0 && <span className="muted"> — {v.reasons.join('; ')}</span>}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <h2>Differences</h2>
        <table data-testid="diff-table">
          <thead>
            <tr>
              <th>Metric</th>
              {c.runIds.map((id) => (
                <th key={id} className="num">
                  {label(id)}
                  {id === c.baselineId ? ' (baseline)' : ''}
                  <div className="muted small mono">{id}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.diff.map((row) => (
              <tr key={row.metric}>
                <td>
                  {row.metric}{' '}
                  <span className="muted small">
                    ({row.unit}, {row.better} is better)
                  </span>
                </td>
                {c.runIds.map((id) => {
                  const v = row.values[id];
                  const d = row.deltas[id];
                  const worse = d !== undefined && d !== 0 && (row.better === 'lower' ? d > 0 : d < 0);
                  return (
                    <td key={id} className="num">
                      {v === undefined ? '—' : round(v)}
                      {d !== undefined && d !== 0 && (
                        <div className={`small ${worse ? 'bad' : 'ok'}`}>
                          {d > 0 ? '+' : ''}
                          {round(d)}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="grid grid-2">
        <section className="panel">
          <h3>Sent per second</h3>
          <LineChart
            series={overlay('sent')}
            xLabel="second of run"
            yLabel="messages/s"
            label="Compare sent"
          />
        </section>
        <section className="panel">
          <h3>Received per second</h3>
          <LineChart
            series={overlay('answered')}
            xLabel="second of run"
            yLabel="replies/s"
            label="Compare received"
          />
        </section>
        <section className="panel">
          <h3>p95 latency</h3>
          <LineChart series={overlay('p95')} xLabel="second of run" yLabel="ms" label="Compare p95 latency" />
        </section>
        <section className="panel">
          <h3>Mean latency</h3>
          <LineChart
            series={overlay('meanMs')}
            xLabel="second of run"
            yLabel="ms"
            label="Compare mean latency"
          />
        </section>
      </div>
    </div>
  );
}

/**
 * Names for the runs, unique (the charts key their lines by them): the plan name and start time, and
 * the run id where that is still ambiguous (or the run is not among the newest listed).
 */
function runLabels(ids: string[], runs: RunView[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    const r = runs.find((x) => x.id === id);
    const when = r ? fmtDateTime(r.startAt ?? r.createdAt) : undefined;
    let l = !r ? id : r.plan.name ? `${r.plan.name}, ${when}` : `Run of ${when}`;
    if (used.has(l)) l = `${l} (${id})`;
    used.add(l);
    out.set(id, l);
  }
  return out;
}

const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100);
