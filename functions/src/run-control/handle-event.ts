import { DomainError } from '@gong/core/domain/errors';
import { isTerminal, type StressRun } from '@gong/core/domain/stress-run';
import { type HousekeepingTask, RunControlEvent } from '@gong/core/messages/run-control-event';
import type { RunControlDeps } from './deps';
import { tickRun } from './lifecycle';
import { tickLiveRuns } from './supervisor';
import { type FleetPlan, reconcileFleet, type TickAllDeps, tickAllRuns } from './tick-all';

/** The event union lives in core (producers, this consumer and the CDK rules share it). */
export { RunControlEvent };

export interface RunControlResult {
  runs: { id: string; state: StressRun['state'] }[];
  /** true while a run is still live: invoke again (supervise) or wait for the next tick */
  again: boolean;
  /** runs.tick-all: the slots kept running and the slots released (when a fleet scaler is wired) */
  fleet?: FleetPlan;
  /** housekeeping: what each task did */
  housekeeping?: Partial<Record<HousekeepingTask, unknown>>;
}

/** What the deployment's timers need besides run control (the Lambda handler wires them). */
export interface RunControlHost extends TickAllDeps {
  housekeeping: (task: HousekeepingTask) => Promise<unknown>;
}

const summary = (runs: readonly StressRun[]) => runs.map((r) => ({ id: r.id, state: r.state }));

function needHost(host: RunControlHost | undefined, type: string): RunControlHost {
  if (!host) throw new DomainError('VALIDATION', `${type} needs the deployment's tenant list and slots`);
  return host;
}

export async function handleRunControlEvent(
  deps: RunControlDeps,
  input: unknown,
  host?: RunControlHost,
): Promise<RunControlResult> {
  const event = RunControlEvent.parse(input);
  switch (event.type) {
    case 'runs.tick': {
      const runs = await tickLiveRuns(deps, event.tenantId);
      return { runs: summary(runs), again: runs.some((r) => !isTerminal(r.state)) };
    }
    case 'runs.tick-all':
      return tickAll(deps, needHost(host, event.type), event.intervalMs, event.budgetMs);
    case 'housekeeping':
      return housekeeping(needHost(host, event.type), event.tasks);
    case 'run.supervise': {
      const until = deps.clock.now() + event.budgetMs;
      for (;;) {
        const run = await tickRun(deps, event.tenantId, event.runId);
        const done = isTerminal(run.state);
        if (done || deps.clock.now() + event.intervalMs > until) {
          return { runs: [{ id: run.id, state: run.state }], again: !done };
        }
        await deps.clock.sleep(event.intervalMs);
      }
    }
  }
}

/**
 * Ticks every tenant's live runs every `intervalMs` within `budgetMs` (one pass at least; stops early
 * when nothing is live), bringing the fleet in line after each pass whose live slots changed.
 */
async function tickAll(
  deps: RunControlDeps,
  host: RunControlHost,
  intervalMs: number,
  budgetMs: number,
): Promise<RunControlResult> {
  const until = deps.clock.now() + budgetMs;
  let fleet: FleetPlan | undefined;
  let reconciled: string | undefined;
  for (;;) {
    const ticked = await tickAllRuns(deps, host);
    const live = ticked.filter((r) => !isTerminal(r.state));
    const key = JSON.stringify([...new Set(live.flatMap((r) => r.slots))].sort((a, b) => a - b));
    if (key !== reconciled) {
      fleet = await reconcileFleet(deps, live, host.slotCount);
      reconciled = key;
    }
    if (live.length === 0 || deps.clock.now() + intervalMs > until) {
      return { runs: summary(ticked), again: live.length > 0, ...(fleet ? { fleet } : {}) };
    }
    await deps.clock.sleep(intervalMs);
  }
}

/** Runs each task; one failing does not stop the others, but the invocation then fails (and is retried). */
async function housekeeping(
  host: RunControlHost,
  tasks: readonly HousekeepingTask[],
): Promise<RunControlResult> {
  const done: Partial<Record<HousekeepingTask, unknown>> = {};
  const failures: string[] = [];
  for (const task of new Set(tasks)) {
    try {
      done[task] = await host.housekeeping(task);
    } catch (e) {
      failures.push(`${task}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failures.length > 0) {
    throw new DomainError('UNAVAILABLE', `housekeeping failed: ${failures.join('; ')}`);
  }
  return { runs: [], again: false, housekeeping: done };
}
