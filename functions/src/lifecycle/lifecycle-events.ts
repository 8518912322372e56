import type { FunctionalSession } from '@gong/core/domain/functional-session';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import type { EntityRepository } from '@gong/core/ports/repository';
import type { RunControlDeps } from '../run-control/deps';
import { runEventHandler } from '../run-control/supervisor';
import { applySessionEvent } from '../sessions/session-events';

export type LifecycleEvent = Exclude<WorkerEvent, { type: 'results.batch' }>;

/**
 * Where the analyzer sends the workers' lifecycle events: run.started/done/error advance run
 * control, session.event updates the functional session. worker.status is written by the workers
 * straight to the config table, so it needs nothing here.
 */
export function lifecycleEventHandler(deps: {
  runControl: RunControlDeps;
  sessions: EntityRepository<FunctionalSession>;
}): (event: LifecycleEvent) => Promise<void> {
  const onRunEvent = runEventHandler(deps.runControl);
  return async (event) => {
    switch (event.type) {
      case 'run.started':
      case 'run.done':
      case 'run.error':
        return onRunEvent(event);
      case 'session.event':
        return applySessionEvent(deps.sessions, event);
      case 'worker.status':
        return;
    }
  };
}
