import type { Role } from '@gong/core/domain/user';

/**
 * Mirrors the API's rule (functions/src/api/roles.ts): roles are explicit — admin does not imply stress
 * or tester — and every role implies viewer. Pages hide what a role may not do; the API enforces it anyway.
 */
export function canDo(roles: readonly Role[] | undefined, role: Role): boolean {
  const held = roles ?? [];
  if (role === 'viewer') return held.length > 0;
  return held.includes(role);
}
