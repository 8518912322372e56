import { isDomainError } from '@gong/core/domain/errors';
import type { FunctionalSession } from '@gong/core/domain/functional-session';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import type { EntityRepository } from '@gong/core/ports/repository';

type SessionEvent = Extract<WorkerEvent, { type: 'session.event' }>;

const STATE: Record<SessionEvent['state'], FunctionalSession['state']> = {
  running: 'running',
  waiting: 'waiting',
  blocked: 'blocked',
  done: 'done',
  closed: 'closed',
  error: 'blocked',
};

/**
 * Applies a worker's `session.event` to the stored session, so the API (and the web app) see an
 * automated sequence finish or block. Events can arrive late or twice: an older event never moves
 * a session back, and a closed session stays closed.
 */
export async function applySessionEvent(
  sessions: EntityRepository<FunctionalSession>,
  event: SessionEvent,
): Promise<void> {
  try {
    await sessions.update(event.tenantId, event.sessionId, (s) => {
      if (s.state === 'closed' || event.at < s.updatedAt) return s;
      return {
        ...s,
        state: STATE[event.state],
        cursor: Math.max(s.cursor, event.cursor),
        updatedAt: event.at,
      };
    });
  } catch (e) {
    if (!isDomainError(e, 'NOT_FOUND')) throw e; // a session deleted meanwhile: nothing to update
  }
}
