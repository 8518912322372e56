'use client';

import Link from 'next/link';
import { useMe } from '@/components/shell/me';
import { Progress } from '@/components/ui/progress';
import { MutationError } from '@/components/ui/query-state';
import { useOperators } from '@/lib/api/resources';
import { isLive, type RunView, useRunSeries, useRunSummary, useStopRun } from '@/lib/api/runs';
import { fmtDateTime } from '@/lib/format';
import { NumbersTable } from './numbers-table';
import { RunCharts } from './run-charts';
import { SummaryStats } from './summary-stats';

/** A run being watched live: charts refresh every 1–2 s; stress users may stop it. */
export function LiveRun({ run }: { run: RunView }) {
  const me = useMe();
  const live = isLive(run);
  const series = useRunSeries(run.id, live);
  const summary = useRunSummary(run.id, live, (series.data?.total.length ?? 0) > 0);
  const ops = useOperators();
  const stop = useStopRun();
  const names = Object.fromEntries((ops.data ?? []).map((o) => [o.id, o.name]));
  const started = run.startAt ?? run.createdAt;
  const elapsed = Math.max(0, Math.round((Date.now() - started) / 1000));
  const pct = Math.min(100, (elapsed / run.plan.durationSec) * 100);
  return (
    <div className="stack" data-testid="live-run">
      <section className="panel">
        <div className="spread">
          <div>
            <h2>
              {run.plan.name || 'Stress run'} <span className="badge amber">{run.state}</span>
            </h2>
            <div className="muted">
              by {run.startedByName || run.startedBy} · started {fmtDateTime(started)} ·{' '}
              {run.plan.durationSec} s · {run.plan.strategy.kind}
            </div>
          </div>
          <div className="row">
            <Link className="button" href={`/results/${run.id}`}>
              Open in results
            </Link>
            {me.can('stress') && live && (
              <button
                type="button"
                className="danger"
                disabled={stop.isPending || run.state === 'stopping'}
                onClick={() => stop.mutate(run.id)}
              >
                {run.state === 'stopping' ? 'Stopping…' : 'Stop run'}
              </button>
            )}
          </div>
        </div>
        <div style={{ marginTop: 12 }}>
          <Progress value={pct} label="Run progress" />
        </div>
        <MutationError error={stop.error} />
        {!me.can('stress') && (
          <p className="muted small">
            You are watching read-only: starting or stopping runs needs the stress role.
          </p>
        )}
      </section>
      {summary.isError && <MutationError error={summary.error} />}
      <section className="panel">
        <SummaryStats summary={summary.data ?? undefined} />
      </section>
      {series.isError && <MutationError error={series.error} />}
      <RunCharts series={series.data} summary={summary.data ?? undefined} names={names} />
      <NumbersTable runId={run.id} live={live} names={names} />
    </div>
  );
}
