import { type Api, createApi } from './app';
import { syncAllSlots } from './fleet-sync';
import type { ApiEvent, ApiResult } from './http';
import { wireFromEnv } from './wiring';

let api: Promise<Api> | undefined;

/** Lambda entry point (API Gateway HTTP API, payload v2). Dependencies are wired once per process. */
export async function handler(event: ApiEvent): Promise<ApiResult> {
  api ??= wireFromEnv().then((deps) => {
    // workers learn their operators from operators.sync: send the full set once per cold start
    // (seeded operators never went through the API); best effort, the request must not wait on it
    syncAllSlots(deps).catch((e: unknown) => console.error('[api] operators.sync on start failed', e));
    return createApi(deps);
  });
  return (await api)(event);
}
