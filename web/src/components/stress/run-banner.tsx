'use client';

import Link from 'next/link';
import { useConnections } from '@/lib/api/resources';
import { isLive, useCurrentRun } from '@/lib/api/runs';
import { fmtDateTime, since } from '@/lib/format';

/** The big warning shown to everyone while the tenant's stress run is in progress. */
export function RunBanner({ showLink = true }: { showLink?: boolean }) {
  const current = useCurrentRun();
  const conns = useConnections();
  const run = current.data;
  if (!isLive(run) || !run) return null;
  const connection = conns.data?.find((c) => c.id === run.plan.connectionId);
  const started = run.startAt ?? run.createdAt;
  return (
    <section
      className="banner warning"
      role="alert"
      aria-label="Stress run in progress"
      data-testid="run-banner"
    >
      <span aria-hidden="true" style={{ fontSize: 36 }}>
        ⚠
      </span>
      <div style={{ flex: 1 }}>
        <div className="big">A stress test is in progress</div>
        <div>
          Started by <strong>{run.startedByName || run.startedBy}</strong> on connection{' '}
          <strong>{connection?.name ?? run.plan.connectionId}</strong> since {fmtDateTime(started)} (
          {since(started)}) · state <strong>{run.state}</strong>. No other stress run can start until it ends.
        </div>
      </div>
      {showLink && (
        <Link className="button primary" href="/stress">
          Watch it live
        </Link>
      )}
    </section>
  );
}
