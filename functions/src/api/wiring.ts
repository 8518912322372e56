import type { ApiDeps } from './deps';

export async function wireFromEnv(): Promise<ApiDeps> {
  throw new Error('not wired yet');
}
