'use client';

import { describeExpectation } from '@gong/core/domain/expectation';
import Link from 'next/link';
import { NumbersTable } from '@/components/stress/numbers-table';
import { RunCharts } from '@/components/stress/run-charts';
import { SummaryStats } from '@/components/stress/summary-stats';
import { ErrorBox, Loading } from '@/components/ui/query-state';
import { downloadUrl } from '@/lib/api/client';
import { useConnections, useOperators } from '@/lib/api/resources';
import { isLive, useRun, useRunSeries, useRunSummary } from '@/lib/api/runs';
import { fmtDateTime, fmtMs } from '@/lib/format';

/** One run: the summary, the same charts as the live view, per-operator totals and per-number table. */
export function RunDetail({ id }: { id: string }) {
  const run = useRun(id);
  const live = isLive(run.data);
  const series = useRunSeries(id, live);
  const summary = useRunSummary(id, live, (series.data?.total.length ?? 0) > 0);
  const ops = useOperators();
  const conns = useConnections();
  const names = Object.fromEntries((ops.data ?? []).map((o) => [o.id, o.name]));
  if (run.isPending) return <Loading what="the run" />;
  if (run.isError) return <ErrorBox error={run.error} retry={() => run.refetch()} />;
  const r = run.data;
  const s = summary.data ?? undefined;
  return (
    <div className="stack">
      <div className="spread">
        <div>
          <h1 style={{ marginBottom: 4 }}>{r.plan.name || `Run ${r.id}`}</h1>
          <div className="muted">
            {conns.data?.find((c) => c.id === r.plan.connectionId)?.name ?? r.plan.connectionId} ·{' '}
            {r.plan.strategy.kind} · {r.plan.durationSec} s · by {r.startedByName || r.startedBy} ·{' '}
            {fmtDateTime(r.startAt ?? r.createdAt)} · <strong>{r.state}</strong>
            {r.stateReason ? ` (${r.stateReason})` : ''} · verdict <strong>{r.verdict}</strong>
          </div>
        </div>
        <div className="row">
          <Link className="button" href="/results">
            All results
          </Link>
          <a className="button" href={downloadUrl(`/runs/${id}/export/numbers.csv`)} download>
            Numbers CSV
          </a>
          <a className="button" href={downloadUrl(`/runs/${id}/export/series.csv`)} download>
            Series CSV
          </a>
        </div>
      </div>
      {live && (
        <div className="banner info">
          This run is still in progress. <Link href="/stress">Watch it live</Link>.
        </div>
      )}
      <section className="panel">
        {summary.isError ? (
          <ErrorBox error={summary.error} retry={() => summary.refetch()} />
        ) : (
          <SummaryStats summary={s} />
        )}
      </section>
      {series.isError && <ErrorBox error={series.error} retry={() => series.refetch()} />}
      <RunCharts series={series.data} summary={s} names={names} />
      {s && s.perOperator.length > 0 && (
        <section className="panel">
          <h2>Per operator</h2>
          <table>
            <thead>
              <tr>
                <th>Operator</th>
                <th className="num">Sent</th>
                <th className="num">Answered</th>
                <th className="num">Valid</th>
                <th className="num">Invalid</th>
                <th className="num">Dropped</th>
                <th className="num">p50</th>
                <th className="num">p95</th>
              </tr>
            </thead>
            <tbody>
              {s.perOperator.map((o) => (
                <tr key={o.operatorId}>
                  <td>{names[o.operatorId] ?? o.operatorId}</td>
                  <td className="num">{o.totals.sent}</td>
                  <td className="num">{o.totals.answered}</td>
                  <td className="num">{o.totals.valid}</td>
                  <td className="num">{o.totals.invalid}</td>
                  <td className="num">{o.dropPct.toFixed(2)} %</td>
                  <td className="num">{fmtMs(o.latency.intended.p50)}</td>
                  <td className="num">{fmtMs(o.latency.intended.p95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {s && s.mismatches.length > 0 && (
        <section className="panel">
          <h2>Mismatch examples</h2>
          <table>
            <thead>
              <tr>
                <th>Time</th>
                <th>Number</th>
                <th>Sent</th>
                <th>Expected</th>
                <th>Got</th>
                <th>Verdict</th>
              </tr>
            </thead>
            <tbody>
              {s.mismatches.slice(0, 20).map((m) => (
                <tr key={m.recordId}>
                  <td>{fmtDateTime(m.at)}</td>
                  <td>{m.msisdn}</td>
                  <td>{m.text}</td>
                  <td>{m.expect ? describeExpectation(m.expect) : '—'}</td>
                  <td>{m.replyText ?? '(no reply)'}</td>
                  <td className="bad">{m.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <NumbersTable runId={id} live={live} names={names} />
    </div>
  );
}
