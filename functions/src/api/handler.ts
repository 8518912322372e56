import { type Api, createApi } from './app';
import type { ApiEvent, ApiResult } from './http';
import { wireFromEnv } from './wiring';

let api: Promise<Api> | undefined;

/** Lambda entry point (API Gateway HTTP API, payload v2). Dependencies are wired once per process. */
export async function handler(event: ApiEvent): Promise<ApiResult> {
  api ??= wireFromEnv().then(createApi);
  return (await api)(event);
}
