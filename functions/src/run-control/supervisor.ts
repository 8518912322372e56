import { isTerminal, type StressRun } from '@gong/core/domain/stress-run';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import type { RunControlDeps } from './deps';
import { recordWorkerEvent, tickRun } from './lifecycle';

/**
 * Glue for whoever drives run control. The analyzer's `onEvent` hook gets `runEventHandler(deps)` so
 * run.done / run.error reach the run; a periodic caller (EventBridge schedule, the local stack's
 * loop, or the API on reads) calls `tickLiveRuns` for a tenant so runs advance with the clock.
 */
export function runEventHandler(deps: RunControlDeps): (event: WorkerEvent) => Promise<void> {
  return async (event) => {
    if (event.type === 'run.done' || event.type === 'run.error') await recordWorkerEvent(deps, event);
  };
}

/** Ticks every non-terminal run of the tenant (normally at most one, by the stress lock). */
export async function tickLiveRuns(deps: RunControlDeps, tenantId: string): Promise<StressRun[]> {
  const ticked: StressRun[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.runs.list(tenantId, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const run of page.items) {
      if (!isTerminal(run.state)) ticked.push(await tickRun(deps, tenantId, run.id));
    }
    cursor = page.cursor;
  } while (cursor);
  return ticked;
}
