import { Id } from '@gong/core/domain/ids';
import { isTerminal, type StressRun } from '@gong/core/domain/stress-run';
import { z } from 'zod';
import type { RunControlDeps } from './deps';
import { tickRun } from './lifecycle';
import { tickLiveRuns } from './supervisor';

/**
 * What the run-control function is invoked with (by the API after a start/stop, by schedules):
 *  - run.supervise: tick one run every `intervalMs` until it ends or `budgetMs` has passed (a Lambda
 *    has 2 minutes; the result says whether the caller should invoke again);
 *  - runs.tick: one tick of every live run of a tenant.
 */
export const RunControlEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run.supervise'),
    v: z.literal(1),
    tenantId: Id,
    runId: Id,
    intervalMs: z.number().int().min(100).max(60_000).default(1000),
    budgetMs: z
      .number()
      .int()
      .min(0)
      .max(15 * 60_000)
      .default(100_000),
  }),
  z.object({ type: z.literal('runs.tick'), v: z.literal(1), tenantId: Id }),
]);
export type RunControlEvent = z.infer<typeof RunControlEvent>;

export interface RunControlResult {
  runs: { id: string; state: StressRun['state'] }[];
  /** true while a run is still live: invoke again (supervise) or wait for the next tick */
  again: boolean;
}

export async function handleRunControlEvent(deps: RunControlDeps, input: unknown): Promise<RunControlResult> {
  const event = RunControlEvent.parse(input);
  if (event.type === 'runs.tick') {
    const runs = await tickLiveRuns(deps, event.tenantId);
    return {
      runs: runs.map((r) => ({ id: r.id, state: r.state })),
      again: runs.some((r) => !isTerminal(r.state)),
    };
  }
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
