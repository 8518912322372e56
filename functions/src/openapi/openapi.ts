import { ERROR_CODES } from '@gong/core/domain/errors';
import { z } from 'zod';
import type { AnyRoute } from '../api/router';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

const ErrorBody = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
});

/** OpenAPI 3.1 document generated from the route table and its zod schemas. */
export function openApiDocument(
  routes: readonly AnyRoute[],
  info: { version: string } = { version: '1' },
): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams: Json[] = [];
    if (r.query) {
      const q = schemaOf(r.query, 'input');
      const props = (q.properties ?? {}) as Record<string, Json>;
      const required = new Set((q.required as string[] | undefined) ?? []);
      for (const [name, schema] of Object.entries(props)) {
        queryParams.push({ name, in: 'query', required: required.has(name), schema });
      }
    }
    const okStatus = r.method === 'POST' ? '201' : r.method === 'DELETE' ? '204' : '200';
    const okContent =
      r.produces === 'csv'
        ? { 'text/csv': { schema: { type: 'string' } } }
        : r.produces === 'text'
          ? { 'text/plain': { schema: { type: 'string' } } }
          : { 'application/json': { schema: r.response ? schemaOf(r.response, 'output') : {} } };
    const responses: Json = {
      [okStatus === '201' && !r.response ? '200' : okStatus]:
        okStatus === '204' ? { description: 'done' } : { description: 'success', content: okContent },
      default: {
        description: 'error (status from the error code)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    };
    const operation: Json = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(params.length + queryParams.length > 0 ? { parameters: [...params, ...queryParams] } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: !r.bodyOptional,
              content: { 'application/json': { schema: schemaOf(r.body, 'input') } },
            },
          }
        : {}),
      responses,
      ...(r.auth === 'public'
        ? { security: [] }
        : { 'x-gong-roles': typeof r.auth === 'string' ? [r.auth] : [...r.auth] }),
    };
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, Json>)[r.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gong API',
      version: info.version,
      description:
        'Functional and stress testing of SMS gateways. Bearer JWT on every route but /health, /auth/login and /openapi.json; the tenant comes from the token.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: schemaOf(ErrorBody, 'output') },
    },
    paths,
  };
}
