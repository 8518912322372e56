import { DomainError, notFound } from '@gong/core/domain/errors';
import { Id, newId } from '@gong/core/domain/ids';
import type { EntityRepository, TenantScoped } from '@gong/core/ports/repository';
import { z } from 'zod';
import type { Principal } from '../../auth/principal';
import type { ApiDeps } from '../deps';
import type { RoleNeed } from '../roles';
import { type AnyRoute, route } from '../router';

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().min(1).max(4096).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export interface BuildContext {
  principal: Principal;
  now: number;
}

export interface CrudSpec<T extends TenantScoped, C, U> {
  /** `/connections` */
  base: string;
  tag: string;
  /** `connection`, used in messages */
  kind: string;
  repo: (deps: ApiDeps) => EntityRepository<T>;
  createInput: z.ZodType<C>;
  updateInput: z.ZodType<U>;
  /** schema of what GET returns (secrets removed), for OpenAPI */
  publicSchema: z.ZodType;
  readRole: RoleNeed;
  writeRole: RoleNeed;
  toPublic(entity: T): unknown;
  /** full entity from a create body (checks references within the caller's tenant) */
  create(deps: ApiDeps, input: C, ctx: BuildContext & { id: string }): Promise<T>;
  /** full entity from an update body and what is stored */
  update(deps: ApiDeps, input: U, existing: T, ctx: BuildContext): Promise<T>;
  beforeDelete?(deps: ApiDeps, existing: T, ctx: BuildContext): Promise<void>;
  /** side effects after a write, e.g. telling worker slots about changed operators */
  afterWrite?(deps: ApiDeps, before: T | undefined, after: T | undefined, ctx: BuildContext): Promise<void>;
}

/** A path id that is not even a valid id cannot exist: answer 404 like any other unknown id. */
export function pathId(params: Record<string, string>, kind: string, name = 'id'): string {
  const raw = params[name] ?? '';
  if (!Id.safeParse(raw).success) throw notFound(kind, JSON.stringify(raw).slice(0, 80));
  return raw;
}

export async function getOr404<T extends TenantScoped>(
  repo: EntityRepository<T>,
  tenantId: string,
  id: string,
  kind: string,
): Promise<T> {
  const found = await repo.get(tenantId, id);
  if (!found) throw notFound(kind, id);
  return found;
}

/** GET list, POST, GET/PUT/DELETE by id for one tenant-scoped resource. */
export function crudRoutes<T extends TenantScoped, C, U>(deps: ApiDeps, spec: CrudSpec<T, C, U>): AnyRoute[] {
  const repo = spec.repo(deps);
  const ctxOf = (principal: Principal): BuildContext => ({ principal, now: deps.clock.now() });
  const item = `${spec.base}/{id}`;
  return [
    route({
      method: 'GET',
      path: spec.base,
      auth: spec.readRole,
      tag: spec.tag,
      summary: `List ${spec.kind}s (paged)`,
      query: ListQuery,
      response: z.object({ items: z.array(spec.publicSchema), cursor: z.string().optional() }),
      async handle({ principal, query }) {
        const page = await repo.list(principal.tenantId, query);
        return {
          json: {
            items: page.items.map((e) => spec.toPublic(e)),
            ...(page.cursor ? { cursor: page.cursor } : {}),
          },
        };
      },
    }),
    route({
      method: 'POST',
      path: spec.base,
      auth: spec.writeRole,
      tag: spec.tag,
      summary: `Create a ${spec.kind}`,
      body: spec.createInput,
      response: spec.publicSchema,
      async handle({ principal, body }) {
        const ctx = { ...ctxOf(principal), id: newId(deps.clock.now()) };
        const entity = await spec.create(deps, body, ctx);
        if (entity.tenantId !== principal.tenantId) throw new DomainError('INTERNAL', 'tenant mismatch');
        const saved = await repo.create(principal.tenantId, entity);
        await spec.afterWrite?.(deps, undefined, saved, ctx);
        return { status: 201, json: spec.toPublic(saved) };
      },
    }),
    route({
      method: 'GET',
      path: item,
      auth: spec.readRole,
      tag: spec.tag,
      summary: `Get one ${spec.kind}`,
      response: spec.publicSchema,
      async handle({ principal, params }) {
        const found = await getOr404(repo, principal.tenantId, pathId(params, spec.kind), spec.kind);
        return { json: spec.toPublic(found) };
      },
    }),
    route({
      method: 'PUT',
      path: item,
      auth: spec.writeRole,
      tag: spec.tag,
      summary: `Replace a ${spec.kind}`,
      body: spec.updateInput,
      response: spec.publicSchema,
      async handle({ principal, params, body }) {
        const id = pathId(params, spec.kind);
        const existing = await getOr404(repo, principal.tenantId, id, spec.kind);
        const ctx = ctxOf(principal);
        const next = await spec.update(deps, body, existing, ctx);
        const saved = await repo.update(principal.tenantId, id, (current) => ({
          ...next,
          id: current.id,
          tenantId: current.tenantId,
        }));
        await spec.afterWrite?.(deps, existing, saved, ctx);
        return { json: spec.toPublic(saved) };
      },
    }),
    route({
      method: 'DELETE',
      path: item,
      auth: spec.writeRole,
      tag: spec.tag,
      summary: `Delete a ${spec.kind}`,
      async handle({ principal, params }) {
        const id = pathId(params, spec.kind);
        const existing = await getOr404(repo, principal.tenantId, id, spec.kind);
        const ctx = ctxOf(principal);
        await spec.beforeDelete?.(deps, existing, ctx);
        if (!(await repo.delete(principal.tenantId, id))) throw notFound(spec.kind, id);
        await spec.afterWrite?.(deps, existing, undefined, ctx);
        return { status: 204 };
      },
    }),
  ];
}

/** Every item of a tenant's resource (walks all pages). */
export async function listAll<T extends TenantScoped>(
  repo: EntityRepository<T>,
  tenantId: string,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.list(tenantId, { limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}
