import { type AnyRoute, route } from '../api/router';
import { openApiDocument } from './openapi';

/** GET /openapi.json, built once from the route table. */
export function openApiRoutes(getRoutes: () => readonly AnyRoute[]): AnyRoute[] {
  let cached: unknown;
  const self = route({
    method: 'GET',
    path: '/openapi.json',
    auth: 'public',
    tag: 'system',
    summary: 'This document',
    async handle() {
      cached ??= openApiDocument([...getRoutes(), self]);
      return { json: cached };
    },
  });
  return [self];
}
