import { DomainError } from '@gong/core/domain/errors';
import { newId } from '@gong/core/domain/ids';
import { ScenarioRecord } from '@gong/core/domain/scenario-record';
import { parseScenario, serializeScenario } from '@gong/core/scenario/scenario-file';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { type AnyRoute, route } from '../router';
import { crudRoutes, getOr404, pathId } from './crud';

export const ScenarioInput = ScenarioRecord.omit({
  id: true,
  tenantId: true,
  createdAt: true,
  updatedAt: true,
});
export const ImportScenario = z.object({
  format: z.enum(['xml', 'json']),
  source: z.string().min(1).max(350_000),
  /** default: the scenario's own name */
  name: z.string().min(1).max(120).optional(),
});
const ExportQuery = z.object({ format: z.enum(['xml', 'json']).optional() });

/** Parses a scenario file (XML in the OpenLC style, or JSON); errors say where and what. */
function parse(format: 'xml' | 'json', source: string) {
  return parseScenario(source, `scenario.${format}`);
}

export function scenarioRoutes(deps: ApiDeps): AnyRoute[] {
  const repo = deps.repositories.scenarios;
  return [
    route({
      method: 'POST',
      path: '/scenarios/import',
      auth: ['stress', 'admin'],
      tag: 'scenarios',
      summary: 'Import a scenario file (XML or JSON); it is validated and stored',
      body: ImportScenario,
      response: ScenarioRecord,
      async handle({ principal, body }) {
        const scenario = parse(body.format, body.source);
        const now = deps.clock.now();
        const record = ScenarioRecord.parse({
          id: newId(now),
          tenantId: principal.tenantId,
          name: body.name ?? (scenario.name || 'imported scenario'),
          format: body.format,
          source: body.source,
          createdAt: now,
          updatedAt: now,
        });
        const saved = await repo.create(principal.tenantId, record);
        return { status: 201, json: { ...saved, scenario } };
      },
    }),
    route({
      method: 'GET',
      path: '/scenarios/{id}/export',
      auth: 'viewer',
      tag: 'scenarios',
      summary: 'Download a scenario as XML or JSON (default: its stored format)',
      query: ExportQuery,
      async handle({ principal, params, query }) {
        const record = await getOr404(repo, principal.tenantId, pathId(params, 'scenario'), 'scenario');
        const format = query.format ?? record.format;
        const text =
          format === record.format
            ? record.source
            : serializeScenario(parse(record.format, record.source), format);
        return {
          text,
          contentType:
            format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="scenario-${record.id}.${format}"` },
        };
      },
    }),
    ...crudRoutes(deps, {
      base: '/scenarios',
      tag: 'scenarios',
      kind: 'scenario',
      repo: (d) => d.repositories.scenarios,
      createInput: ScenarioInput,
      updateInput: ScenarioInput,
      publicSchema: ScenarioRecord,
      readRole: 'viewer',
      writeRole: ['stress', 'admin'],
      toPublic: (s) => s,
      async create(_d, input, ctx) {
        parse(input.format, input.source);
        return ScenarioRecord.parse({
          ...input,
          id: ctx.id,
          tenantId: ctx.principal.tenantId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
      },
      async update(_d, input, existing, ctx) {
        parse(input.format, input.source);
        if (!input.source.trim()) throw new DomainError('VALIDATION', 'source: empty scenario');
        return ScenarioRecord.parse({
          ...input,
          id: existing.id,
          tenantId: existing.tenantId,
          createdAt: existing.createdAt,
          updatedAt: ctx.now,
        });
      },
    }),
  ];
}
