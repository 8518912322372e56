/** The browser side of the data layer: every call goes through the /api/gong proxy route. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/gong${path}${qs ? `?${qs}` : ''}`;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

async function toError(res: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not JSON: keep the status line
  }
  const message = body.error?.message ?? `The server answered ${res.status} ${res.statusText}`.trim();
  return new ApiError(res.status, body.error?.code ?? 'HTTP', message, body.error?.details);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (typeof window !== 'undefined') headers['x-gong-page'] = window.location.pathname;
  const res = await fetch(apiUrl(path, opts.query), {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
    cache: 'no-store',
  });
  if (!res.ok) {
    const err = await toError(res);
    if (
      res.status === 401 &&
      typeof window !== 'undefined' &&
      !window.location.pathname.startsWith('/login')
    ) {
      window.location.assign(`/login?expired=1&callbackUrl=${encodeURIComponent(window.location.pathname)}`);
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** Follow cursors until the end (settings lists are small; capped to protect the browser). */
export async function listAll<T>(path: string, query?: Query, cap = 2000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>(path, { query: { ...query, limit: 200, cursor } });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor && out.length < cap);
  return out;
}

/** Trigger a browser download of a proxied API file (CSV, scenario export). */
export function downloadUrl(path: string, query?: Query): string {
  return apiUrl(path, query);
}
