import { toEventBridgeExpression } from '@gong/core/adapters/aws/eventbridge-scheduler';
import { DomainError, isDomainError } from '@gong/core/domain/errors';
import { Schedule } from '@gong/core/domain/schedule';
import type { StressPlan } from '@gong/core/domain/stress-run';
import type { ApiDeps } from '../deps';
import type { AnyRoute } from '../router';
import { crudRoutes } from './crud';

export const ScheduleInput = Schedule.omit({
  id: true,
  tenantId: true,
  createdAt: true,
  updatedAt: true,
  createdBy: true,
  lastOutcome: true,
  pending: true,
  lastFireKey: true,
});

/** The cron must parse and be expressible on EventBridge too (the same schedule runs locally and on AWS). */
export function checkCron(cron: string): void {
  try {
    toEventBridgeExpression(cron);
  } catch (e) {
    if (isDomainError(e, 'VALIDATION'))
      throw new DomainError('VALIDATION', `cron: ${e.message}`, { cause: e });
    throw e;
  }
}

/** A plan may only name the caller's own connection, operators and sequences. */
export async function checkPlanReferences(deps: ApiDeps, tenantId: string, plan: StressPlan): Promise<void> {
  const r = deps.repositories;
  if (!(await r.connections.get(tenantId, plan.connectionId))) {
    throw new DomainError('VALIDATION', `plan.connectionId: connection ${plan.connectionId} not found`);
  }
  for (const op of plan.operators) {
    const found = await r.operators.get(tenantId, op.operatorId);
    if (!found || found.connectionId !== plan.connectionId) {
      throw new DomainError(
        'VALIDATION',
        `plan.operators: operator ${op.operatorId} not found on this connection`,
      );
    }
  }
  for (const id of plan.sequenceIds) {
    if (!(await r.sequences.get(tenantId, id))) {
      throw new DomainError('VALIDATION', `plan.sequenceIds: sequence ${id} not found`);
    }
  }
}

/** Saved stress plans on a cron (CRUD only; firing them is the scheduler's job). */
export function scheduleRoutes(deps: ApiDeps): AnyRoute[] {
  return crudRoutes(deps, {
    base: '/schedules',
    tag: 'schedules',
    kind: 'schedule',
    repo: (d) => d.repositories.schedules,
    createInput: ScheduleInput,
    updateInput: ScheduleInput,
    publicSchema: Schedule,
    readRole: 'viewer',
    writeRole: ['stress', 'admin'],
    toPublic: (s) => s,
    async create(d, input, ctx) {
      checkCron(input.cron);
      await checkPlanReferences(d, ctx.principal.tenantId, input.plan);
      if (
        input.baselineRunId &&
        !(await d.repositories.runs.get(ctx.principal.tenantId, input.baselineRunId))
      ) {
        throw new DomainError('VALIDATION', `baselineRunId: run ${input.baselineRunId} not found`);
      }
      return Schedule.parse({
        ...input,
        id: ctx.id,
        tenantId: ctx.principal.tenantId,
        createdBy: ctx.principal.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
    },
    async update(d, input, existing, ctx) {
      checkCron(input.cron);
      await checkPlanReferences(d, ctx.principal.tenantId, input.plan);
      if (
        input.baselineRunId &&
        !(await d.repositories.runs.get(ctx.principal.tenantId, input.baselineRunId))
      ) {
        throw new DomainError('VALIDATION', `baselineRunId: run ${input.baselineRunId} not found`);
      }
      return Schedule.parse({
        ...input,
        id: existing.id,
        tenantId: existing.tenantId,
        createdBy: existing.createdBy,
        ...(existing.lastOutcome ? { lastOutcome: existing.lastOutcome } : {}),
        ...(existing.pending ? { pending: existing.pending } : {}),
        ...(existing.lastFireKey ? { lastFireKey: existing.lastFireKey } : {}),
        createdAt: existing.createdAt,
        updatedAt: ctx.now,
      });
    },
    /** keep the EventBridge Scheduler entry in step (no trigger locally: the local timer reads the table) */
    async afterWrite(d, before, after) {
      if (!d.scheduleTrigger) return;
      if (after) await d.scheduleTrigger.upsert(after);
      else if (before) await d.scheduleTrigger.delete(before.tenantId, before.id);
    },
  });
}
