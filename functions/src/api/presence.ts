import type { Presence } from '@gong/core/domain/ephemeral';
import type { Principal } from '../auth/principal';
import type { ApiDeps } from './deps';

/** Records that the caller is around and what they are doing; expires after `presenceTtlSec`. */
export async function touchPresence(deps: ApiDeps, principal: Principal, where: string): Promise<void> {
  const now = deps.clock.now();
  const value: Presence = {
    userId: principal.userId,
    userName: (principal.name || principal.email || principal.userId).slice(0, 120),
    where: where.slice(0, 200),
    seenAt: now,
  };
  await deps.repositories.presence.put(
    principal.tenantId,
    principal.userId,
    value,
    deps.config.presenceTtlSec,
    now,
  );
}

export async function listPresence(deps: ApiDeps, tenantId: string): Promise<Presence[]> {
  const live = await deps.repositories.presence.list(tenantId, deps.clock.now());
  return live.map((p) => p.value).sort((a, b) => b.seenAt - a.seenAt);
}
