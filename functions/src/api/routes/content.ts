import { Id, newId } from '@gong/core/domain/ids';
import { LibraryEntry, Sequence, Step } from '@gong/core/domain/sequence';
import { Strategy } from '@gong/core/domain/strategy';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import type { AnyRoute } from '../router';
import { crudRoutes } from './crud';

const SERVER_FIELDS = { id: true, tenantId: true, createdAt: true, updatedAt: true } as const;

export const LibraryInput = LibraryEntry.omit(SERVER_FIELDS);
/** Steps may come without ids (new steps); their order in the array is the sequence order. */
export const SequenceInput = Sequence.omit(SERVER_FIELDS).extend({
  steps: z
    .array(Step.extend({ id: Id.optional() }))
    .min(1)
    .max(10_000),
});
export const StrategyInput = Strategy.omit(SERVER_FIELDS);

function stamp<I extends object>(
  input: I,
  ctx: { principal: { tenantId: string }; now: number },
  id: string,
) {
  return { ...input, id, tenantId: ctx.principal.tenantId, createdAt: ctx.now, updatedAt: ctx.now };
}

function restamp<I extends object>(
  input: I,
  existing: { id: string; tenantId: string; createdAt: number },
  now: number,
) {
  return {
    ...input,
    id: existing.id,
    tenantId: existing.tenantId,
    createdAt: existing.createdAt,
    updatedAt: now,
  };
}

function withStepIds(input: z.infer<typeof SequenceInput>, now: number) {
  const seen = new Set<string>();
  return {
    ...input,
    steps: input.steps.map((s) => {
      let id = s.id && !seen.has(s.id) ? s.id : newId(now);
      while (seen.has(id)) id = newId(now);
      seen.add(id);
      return { ...s, id };
    }),
  };
}

export function contentRoutes(deps: ApiDeps): AnyRoute[] {
  return [
    ...crudRoutes(deps, {
      base: '/library',
      tag: 'library',
      kind: 'library entry',
      repo: (d) => d.repositories.library,
      createInput: LibraryInput,
      updateInput: LibraryInput,
      publicSchema: LibraryEntry,
      readRole: 'viewer',
      writeRole: ['tester', 'admin'],
      toPublic: (e) => e,
      create: async (_d, input, ctx) => LibraryEntry.parse(stamp(input, ctx, ctx.id)),
      update: async (_d, input, existing, ctx) => LibraryEntry.parse(restamp(input, existing, ctx.now)),
    }),
    ...crudRoutes(deps, {
      base: '/sequences',
      tag: 'sequences',
      kind: 'sequence',
      repo: (d) => d.repositories.sequences,
      createInput: SequenceInput,
      updateInput: SequenceInput,
      publicSchema: Sequence,
      readRole: 'viewer',
      writeRole: ['tester', 'admin'],
      toPublic: (e) => e,
      create: async (_d, input, ctx) => Sequence.parse(stamp(withStepIds(input, ctx.now), ctx, ctx.id)),
      update: async (_d, input, existing, ctx) =>
        Sequence.parse(restamp(withStepIds(input, ctx.now), existing, ctx.now)),
    }),
    ...crudRoutes(deps, {
      base: '/strategies',
      tag: 'strategies',
      kind: 'strategy',
      repo: (d) => d.repositories.strategies,
      createInput: StrategyInput,
      updateInput: StrategyInput,
      publicSchema: Strategy,
      readRole: 'viewer',
      writeRole: ['stress', 'admin'],
      toPublic: (e) => e,
      create: async (_d, input, ctx) => Strategy.parse(stamp(input, ctx, ctx.id)),
      update: async (_d, input, existing, ctx) => Strategy.parse(restamp(input, existing, ctx.now)),
    }),
  ];
}
