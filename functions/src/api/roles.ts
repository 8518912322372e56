import { DomainError } from '@gong/core/domain/errors';
import type { Role } from '@gong/core/domain/user';
import type { Principal } from '../auth/principal';

/**
 * The one place roles are checked.
 *
 * Policy: roles are explicit — `admin` does NOT imply `stress` or `tester` (an administrator who
 * wants to run load gets the `stress` role too). Every role implies `viewer`: anyone in the tenant
 * may read. A route needs either one role or any one of a list.
 */
export type RoleNeed = Role | readonly Role[];

export function effectiveRoles(roles: readonly Role[]): Set<Role> {
  const set = new Set<Role>(roles);
  if (set.size > 0) set.add('viewer');
  return set;
}

export function hasRole(principal: Principal, need: RoleNeed): boolean {
  const have = effectiveRoles(principal.roles);
  const anyOf = typeof need === 'string' ? [need] : need;
  return anyOf.some((r) => have.has(r));
}

export function requireRole(principal: Principal, need: RoleNeed): void {
  if (hasRole(principal, need)) return;
  const anyOf = typeof need === 'string' ? [need] : [...need];
  const named =
    anyOf.length === 1
      ? `the role "${anyOf[0]}"`
      : `one of the roles ${anyOf.map((r) => `"${r}"`).join(', ')}`;
  throw new DomainError('FORBIDDEN', `this action needs ${named}`, {
    details: { missingRole: anyOf[0], anyOf, have: principal.roles },
  });
}
