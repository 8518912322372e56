import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, env } from '../env';
import { flag } from './args';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A small typed client of the Gong HTTP API (the same API the web app uses). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private token?: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(
        0,
        'UNAVAILABLE',
        `no Gong API answers at ${this.baseUrl} (${(e as Error).message}) — start it with "npm start" or pass --api URL`,
      );
    }
    const text = await response.text();
    const data = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (!response.ok) {
      const error = (data as { error?: { code?: string; message?: string } })?.error;
      throw new ApiError(
        response.status,
        error?.code ?? String(response.status),
        error?.message ?? `${method} ${path} answered ${response.status}`,
      );
    }
    return data as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  async login(email: string, password: string): Promise<LoginResult> {
    const result = await this.request<LoginResult>('POST', '/auth/login', { email, password });
    this.token = result.token;
    return result;
  }
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: { id: string; tenantId: string; email: string; name: string; roles: string[] };
}

const credentialsFile = () => join(dataDir, 'cli-credentials.json');
type Stored = Record<string, { token: string; expiresAt: number; email: string }>;

function readStored(): Stored {
  try {
    return existsSync(credentialsFile())
      ? (JSON.parse(readFileSync(credentialsFile(), 'utf8')) as Stored)
      : {};
  } catch {
    return {};
  }
}

export function storeToken(apiUrl: string, login: LoginResult): void {
  const stored = readStored();
  stored[apiUrl] = { token: login.token, expiresAt: login.expiresAt, email: login.user.email };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(credentialsFile(), JSON.stringify(stored, null, 2), { mode: 0o600 });
}

export function apiUrlOf(argv: string[]): string {
  return (flag(argv, '--api') ?? env.GONG_API_URL ?? `http://127.0.0.1:${env.GONG_API_PORT}`).replace(
    /\/$/,
    '',
  );
}

/**
 * A client with a token: --token, GONG_TOKEN, --email/--password (logs in now), or what
 * `gong login` stored for this API URL.
 */
export async function authenticatedClient(argv: string[]): Promise<ApiClient> {
  const url = apiUrlOf(argv);
  const token = flag(argv, '--token') ?? env.GONG_TOKEN;
  if (token) return new ApiClient(url, token);
  const email = flag(argv, '--email');
  const password = flag(argv, '--password');
  if (email && password) {
    const client = new ApiClient(url);
    await client.login(email, password);
    return client;
  }
  const stored = readStored()[url];
  if (stored && stored.expiresAt > Date.now() + 60_000) return new ApiClient(url, stored.token);
  throw new ApiError(
    401,
    'UNAUTHORIZED',
    `not logged in to ${url}: run "gong login --email you@example.com --password …" (or pass --token)`,
  );
}
