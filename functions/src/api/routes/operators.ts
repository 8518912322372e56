import { DomainError } from '@gong/core/domain/errors';
import { Operator } from '@gong/core/domain/operator';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { assertSystemIdFree, syncSlots } from '../fleet-sync';
import type { AnyRoute } from '../router';
import { crudRoutes } from './crud';

export const OperatorInput = Operator.omit({ id: true, tenantId: true, createdAt: true, updatedAt: true });
/** On update a missing bind password keeps the stored one. */
export const OperatorUpdate = OperatorInput.extend({ bindPassword: z.string().min(1).max(16).optional() });
export const PublicOperator = Operator.omit({ bindPassword: true }).extend({ hasBindPassword: z.boolean() });

export function publicOperator(op: Operator): z.infer<typeof PublicOperator> {
  const { bindPassword, ...rest } = op;
  return { ...rest, hasBindPassword: bindPassword.length > 0 };
}

async function checkReferences(deps: ApiDeps, op: Operator): Promise<void> {
  if (!(await deps.repositories.connections.get(op.tenantId, op.connectionId))) {
    throw new DomainError('VALIDATION', `connectionId: connection ${op.connectionId} not found`);
  }
  if (op.slot >= deps.config.slotCount) {
    throw new DomainError(
      'VALIDATION',
      `slot: this deployment has ${deps.config.slotCount} worker slot(s), 0 to ${deps.config.slotCount - 1}`,
    );
  }
  await assertSystemIdFree(deps, op);
}

export function operatorRoutes(deps: ApiDeps): AnyRoute[] {
  return crudRoutes(deps, {
    base: '/operators',
    tag: 'operators',
    kind: 'operator',
    repo: (d) => d.repositories.operators,
    createInput: OperatorInput,
    updateInput: OperatorUpdate,
    publicSchema: PublicOperator,
    readRole: 'viewer',
    writeRole: 'admin',
    toPublic: publicOperator,
    async create(d, input, ctx) {
      const op = Operator.parse({
        ...input,
        id: ctx.id,
        tenantId: ctx.principal.tenantId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await checkReferences(d, op);
      return op;
    },
    async update(d, input, existing, ctx) {
      const op = Operator.parse({
        ...input,
        bindPassword: input.bindPassword ?? existing.bindPassword,
        id: existing.id,
        tenantId: existing.tenantId,
        createdAt: existing.createdAt,
        updatedAt: ctx.now,
      });
      await checkReferences(d, op);
      return op;
    },
    async beforeDelete(d, existing, ctx) {
      const sessions = await d.repositories.sessions.list(ctx.principal.tenantId, { limit: 1000 });
      const open = sessions.items.filter((s) => s.operatorId === existing.id && s.state !== 'closed');
      if (open.length > 0) {
        throw new DomainError(
          'CONFLICT',
          `operator ${existing.name} has ${open.length} open functional session(s)`,
        );
      }
    },
    async afterWrite(d, before, after) {
      // the worker slot(s) must learn the new bind credentials / number ranges
      await syncSlots(
        d,
        [before?.slot, after?.slot].filter((s): s is number => s !== undefined),
      );
    },
  });
}
