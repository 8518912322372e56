import { z } from 'zod';
import { env } from '@/env';
import type { GongUser } from '@/types/next-auth';

const Role = z.enum(['admin', 'stress', 'tester', 'viewer']);
const ApiUser = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
});
const LoginResponse = z.object({
  token: z.string().min(1),
  expiresAt: z.union([z.number(), z.string()]),
  user: ApiUser,
});

export interface ApiLogin {
  token: string;
  expiresAt: number;
  user: GongUser;
}

function toEpochMs(v: number | string): number {
  if (typeof v === 'number') return v < 1e12 ? v * 1000 : v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? Date.now() + 3600_000 : t;
}

/** Credentials login against the Gong API. Returns undefined on wrong credentials; throws when the API is down. */
export async function loginWithPassword(email: string, password: string): Promise<ApiLogin | undefined> {
  let res: Response;
  try {
    res = await fetch(`${env.GONG_API_URL}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      cache: 'no-store',
    });
  } catch (cause) {
    throw new Error(`The Gong API at ${env.GONG_API_URL} is not reachable`, { cause });
  }
  if (res.status === 401 || res.status === 400 || res.status === 403) return undefined;
  if (!res.ok) throw new Error(`Login failed: the API answered ${res.status}`);
  const body = LoginResponse.parse(await res.json());
  return { token: body.token, expiresAt: toEpochMs(body.expiresAt), user: body.user };
}

/** Cognito sign-in: the API accepts the Cognito token; who the user is in Gong comes from GET /me. */
export async function whoAmI(token: string): Promise<GongUser> {
  const res = await fetch(`${env.GONG_API_URL}/me`, {
    headers: { authorization: `Bearer ${token}` },
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`GET /me answered ${res.status}`);
  const json: unknown = await res.json();
  const parsed = z.union([ApiUser, z.object({ user: ApiUser })]).parse(json);
  return 'user' in parsed ? parsed.user : parsed;
}
