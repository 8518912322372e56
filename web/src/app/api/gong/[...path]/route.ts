import type { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { env } from '@/env';

/**
 * Browser → Gong API proxy. The browser only holds the next-auth session cookie; this handler reads the
 * API bearer token from the encrypted JWT and forwards the call, so the token never reaches client JS
 * and the API needs no CORS.
 */
type Ctx = { params: Promise<{ path: string[] }> };

const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'retry-after'];

function problem(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

async function forward(req: NextRequest, ctx: Ctx): Promise<Response> {
  const jwt = await getToken({ req, secret: env.NEXTAUTH_SECRET });
  if (!jwt?.apiToken || (jwt.apiExpiresAt ?? 0) < Date.now()) {
    return problem(401, 'UNAUTHORIZED', 'Your session has expired; please sign in again.');
  }
  const { path } = await ctx.params;
  const target = new URL(`${env.GONG_API_URL}/${path.map(encodeURIComponent).join('/')}`);
  target.search = req.nextUrl.search;

  const headers: Record<string, string> = { authorization: `Bearer ${jwt.apiToken}` };
  const contentType = req.headers.get('content-type');
  if (contentType) headers['content-type'] = contentType;
  const page = req.headers.get('x-gong-page');
  if (page) headers['x-gong-page'] = page.slice(0, 200);

  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: req.method,
      headers,
      body: hasBody ? await req.arrayBuffer() : undefined,
      cache: 'no-store',
    });
  } catch {
    return problem(503, 'UNAVAILABLE', `The Gong API at ${env.GONG_API_URL} is not reachable.`);
  }
  const out = new Headers();
  for (const h of FORWARDED_RESPONSE_HEADERS) {
    const v = upstream.headers.get(h);
    if (v) out.set(h, v);
  }
  return new Response(upstream.status === 204 ? null : upstream.body, {
    status: upstream.status,
    headers: out,
  });
}

export const dynamic = 'force-dynamic';
export { forward as DELETE, forward as GET, forward as PATCH, forward as POST, forward as PUT };
