import { DomainError } from '@gong/core/domain/errors';
import { isTerminal, type StressRun } from '@gong/core/domain/stress-run';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import { nowMs, optionsOf, type RunContext, type RunControlDeps, STRESS_LOCK_KEY } from './deps';
import { sendStop, transition } from './transition';

async function load(deps: RunControlDeps, tenantId: string, runId: string): Promise<StressRun> {
  const run = await deps.runs.get(tenantId, runId);
  if (!run) throw new DomainError('NOT_FOUND', `stress run ${runId} not found`);
  return run;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Ends a run: writes its summary (best effort), records the final state, releases the stress lock. */
async function finalize(
  deps: RunControlDeps,
  run: StressRun,
  to: 'finished' | 'aborted' | 'failed',
  reason?: string,
): Promise<StressRun> {
  const notes: string[] = reason ? [reason] : [];
  try {
    await deps.summarize(run.tenantId, run.id);
  } catch (e) {
    notes.push(`summary failed: ${errorText(e)}`);
  }
  const ended = await transition(deps, run.tenantId, run.id, to, {
    endedAt: nowMs(deps),
    ...(notes.length > 0 ? { stateReason: notes.join('; ').slice(0, 2000) } : {}),
  });
  await deps.leases.release(run.tenantId, STRESS_LOCK_KEY, run.id);
  return ended;
}

function doneWorkers(run: StressRun): number {
  return new Set(run.workerReports.filter((r) => r.error === undefined).map((r) => r.workerId)).size;
}

/**
 * Advances a run by the clock: starting → running at startAt; running → stopping when the duration has
 * passed; stopping → finished when every slot reported run.done or the grace deadline passed. Renews
 * the stress lock while the run is live; a run whose lease was lost (its controller stalled and another
 * run took the lock) fails. Call it periodically (scheduler, supervisor loop) and on worker events.
 */
export async function tickRun(deps: RunControlDeps, tenantId: string, runId: string): Promise<StressRun> {
  const opts = optionsOf(deps);
  let run = await load(deps, tenantId, runId);
  for (;;) {
    if (isTerminal(run.state)) return run;
    const now = nowMs(deps);
    const held = await deps.leases.renew(tenantId, STRESS_LOCK_KEY, run.id, opts.leaseMs, now);
    if (!held) {
      await sendStop(deps, run, true);
      return transition(deps, tenantId, run.id, 'failed', {
        endedAt: now,
        stateReason:
          'the stress lock lease expired before the run ended (its controller stopped renewing it)',
      });
    }
    const startAt = run.startAt ?? run.createdAt;
    const endAt = startAt + run.plan.durationSec * 1000;
    let next: StressRun | undefined;
    switch (run.state) {
      case 'planned':
        // a start that never dispatched (the controller died between writing and sending)
        await sendStop(deps, run, true);
        return finalize(deps, run, 'failed', 'the start did not complete');
      case 'starting':
        if (now >= startAt) next = await transition(deps, tenantId, run.id, 'running');
        break;
      case 'running':
        if (now >= endAt) next = await transition(deps, tenantId, run.id, 'stopping', { stoppingSince: now });
        break;
      case 'stopping': {
        const allDone = doneWorkers(run) >= run.slots.length;
        const deadline = (run.stoppingSince ?? endAt) + opts.finishGraceMs;
        if (allDone) return finalize(deps, run, 'finished');
        if (now >= deadline) {
          return finalize(
            deps,
            run,
            'finished',
            `${run.slots.length - doneWorkers(run)} of ${run.slots.length} worker slots did not report run.done before the deadline`,
          );
        }
        break;
      }
    }
    if (!next) return run;
    run = next;
  }
}

/** Stops a run gracefully: workers stop sending, in-flight answers are still collected until finish. */
export async function stopRun(deps: RunControlDeps, ctx: RunContext, runId: string): Promise<StressRun> {
  const run = await load(deps, ctx.tenantId, runId);
  if (run.state === 'stopping') return run;
  if (run.state !== 'starting' && run.state !== 'running') {
    throw new DomainError(
      'CONFLICT',
      `stress run ${runId} is ${run.state}: only a starting or running run can stop`,
    );
  }
  const stopping = await transition(deps, ctx.tenantId, runId, 'stopping', {
    stoppingSince: nowMs(deps),
    stateReason: `stopped by ${ctx.userName || ctx.userId}`,
  });
  await sendStop(deps, stopping, false);
  return stopping;
}

/** Aborts a run now: workers drop everything, the run ends `aborted` and the lock is released. */
export async function abortRun(deps: RunControlDeps, ctx: RunContext, runId: string): Promise<StressRun> {
  const run = await load(deps, ctx.tenantId, runId);
  if (isTerminal(run.state)) {
    throw new DomainError('CONFLICT', `stress run ${runId} is already ${run.state}`);
  }
  await sendStop(deps, run, true);
  return finalize(deps, run, 'aborted', `aborted by ${ctx.userName || ctx.userId}`);
}

type RunEvent = Extract<WorkerEvent, { type: 'run.done' | 'run.error' | 'run.started' }>;

/**
 * Records a worker's run.done / run.error (the analyzer forwards lifecycle events here) and, when
 * that was the last report of a stopping run, finishes it. Unknown or finished runs are ignored.
 */
export async function recordWorkerEvent(
  deps: RunControlDeps,
  event: RunEvent,
): Promise<StressRun | undefined> {
  if (event.type === 'run.started') return undefined;
  const run = await deps.runs.get(event.tenantId, event.runId);
  if (!run || isTerminal(run.state)) return run;
  const updated = await deps.runs.update(event.tenantId, event.runId, (current) => {
    const others = current.workerReports.filter((r) => r.workerId !== event.workerId);
    const report =
      event.type === 'run.done'
        ? { workerId: event.workerId, at: event.at, sent: event.sent }
        : { workerId: event.workerId, at: event.at, sent: 0, error: event.message.slice(0, 2000) };
    return { ...current, workerReports: [...others, report] };
  });
  if (updated.state === 'stopping' && doneWorkers(updated) >= updated.slots.length) {
    return tickRun(deps, event.tenantId, event.runId);
  }
  return updated;
}

/** Ticks a run until it ends (the local stack's controller loop; Lambda uses scheduled ticks). */
export async function superviseRun(
  deps: RunControlDeps,
  tenantId: string,
  runId: string,
  intervalMs = 1000,
): Promise<StressRun> {
  for (;;) {
    const run = await tickRun(deps, tenantId, runId);
    if (isTerminal(run.state)) return run;
    await deps.clock.sleep(intervalMs);
  }
}
