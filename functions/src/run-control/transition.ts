import { DomainError } from '@gong/core/domain/errors';
import { canTransition, type RunState, type StressRun } from '@gong/core/domain/stress-run';
import { commandQueue } from '@gong/core/infra/resources';
import { encodeBody } from '@gong/core/messages/codec';
import type { FleetCommand } from '@gong/core/messages/fleet-command';
import type { RunControlDeps } from './deps';

/** Moves a run to `to` through the repository (optimistic), refusing moves the state machine forbids. */
export function transition(
  deps: RunControlDeps,
  tenantId: string,
  runId: string,
  to: RunState,
  patch: Partial<StressRun> = {},
): Promise<StressRun> {
  return deps.runs.update(tenantId, runId, (run) => {
    if (!canTransition(run.state, to)) {
      throw new DomainError('CONFLICT', `stress run ${runId} is ${run.state} and cannot become ${to}`, {
        details: { from: run.state, to },
      });
    }
    return { ...run, ...patch, state: to };
  });
}

/** Sends one fleet command to each slot's command queue. */
export async function sendToSlots(
  deps: RunControlDeps,
  slots: readonly number[],
  command: (slot: number) => FleetCommand,
): Promise<void> {
  await Promise.all(
    slots.map((slot) => deps.queue.send(commandQueue(slot).name, [encodeBody(command(slot))])),
  );
}

export function sendStop(deps: RunControlDeps, run: StressRun, abort: boolean): Promise<void> {
  return sendToSlots(deps, run.slots, () => ({
    type: 'run.stop',
    v: 1,
    tenantId: run.tenantId,
    runId: run.id,
    abort,
  }));
}
