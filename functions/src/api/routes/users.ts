import { DomainError } from '@gong/core/domain/errors';
import { Email, NewUser, PublicUser, Role, User } from '@gong/core/domain/user';
import { z } from 'zod';
import { hashPassword } from '../../auth/password';
import type { ApiDeps } from '../deps';
import type { AnyRoute } from '../router';
import { crudRoutes } from './crud';

export const UserUpdate = z.object({
  email: Email,
  name: z.string().min(1).max(120),
  roles: z.array(Role).min(1),
  /** absent = keep the current password */
  password: z.string().min(8).max(200).optional(),
  disabled: z.boolean().default(false),
});

export function publicUser(u: User): PublicUser {
  const { passwordHash: _hidden, ...rest } = u;
  return rest;
}

/** Users of the caller's tenant; admin only. Passwords are hashed (scrypt) and hashes never returned. */
export function userRoutes(deps: ApiDeps): AnyRoute[] {
  return crudRoutes(deps, {
    base: '/users',
    tag: 'users',
    kind: 'user',
    repo: (d) => d.repositories.users,
    createInput: NewUser,
    updateInput: UserUpdate,
    publicSchema: PublicUser,
    readRole: 'admin',
    writeRole: 'admin',
    toPublic: publicUser,
    async create(d, input, ctx) {
      if (await d.repositories.users.findByEmail(input.email)) {
        throw new DomainError('CONFLICT', `email ${input.email} is already in use`);
      }
      return User.parse({
        id: ctx.id,
        tenantId: ctx.principal.tenantId,
        email: input.email,
        name: input.name,
        roles: [...new Set(input.roles)],
        passwordHash: await hashPassword(input.password),
        createdAt: ctx.now,
        disabled: false,
      });
    },
    async update(_d, input, existing, ctx) {
      if (existing.id === ctx.principal.userId && (!input.roles.includes('admin') || input.disabled)) {
        throw new DomainError('CONFLICT', 'you cannot remove your own admin role or disable yourself');
      }
      return User.parse({
        ...existing,
        email: input.email,
        name: input.name,
        roles: [...new Set(input.roles)],
        disabled: input.disabled,
        passwordHash: input.password ? await hashPassword(input.password) : existing.passwordHash,
      });
    },
    async beforeDelete(_d, existing, ctx) {
      if (existing.id === ctx.principal.userId)
        throw new DomainError('CONFLICT', 'you cannot delete yourself');
    },
  });
}
