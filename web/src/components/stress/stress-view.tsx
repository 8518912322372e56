'use client';

import Link from 'next/link';
import { useMe } from '@/components/shell/me';
import { ErrorBox, Loading } from '@/components/ui/query-state';
import { isLive, useCurrentRun } from '@/lib/api/runs';
import { LiveRun } from './live-run';
import { RunBanner } from './run-banner';
import { RunWizard } from './run-wizard';

/** One run per tenant: while it is on everyone watches it; otherwise stress users get the wizard. */
export function StressView() {
  const me = useMe();
  const current = useCurrentRun();
  const run = current.data;
  return (
    <>
      <h1>Stress testing</h1>
      {current.isPending && <Loading what="the current run" />}
      {current.isError && <ErrorBox error={current.error} retry={() => current.refetch()} />}
      {current.isSuccess && isLive(run) && run && (
        <>
          <RunBanner showLink={false} />
          <LiveRun run={run} />
        </>
      )}
      {current.isSuccess &&
        !isLive(run) &&
        (me.can('stress') ? (
          <RunWizard />
        ) : (
          <div className="banner info" data-testid="stress-read-only">
            No stress run is in progress. Starting one needs the stress role; you can watch runs here while
            they happen and look at past runs in <Link href="/results">Results</Link>.
          </div>
        ))}
    </>
  );
}
