import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type HttpEventV2, type HttpResultV2, localContext } from './lambda-shapes';

export type HttpHandler = (
  event: HttpEventV2,
  context: ReturnType<typeof localContext>,
) => Promise<HttpResultV2>;

const MAX_BODY_BYTES = 6 * 1024 * 1024; // Lambda's synchronous payload limit

/** Turns a Node request into the API Gateway HTTP API (payload 2.0) event Lambda would receive. */
export function toEvent(req: IncomingMessage, body: Buffer): HttpEventV2 {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const text = body.length === 0 ? undefined : body.toString('utf8');
  const binary =
    text !== undefined &&
    !/^(application\/(json|x-www-form-urlencoded|xml)|text\/)/.test(
      headers['content-type'] ?? 'application/json',
    );
  const method = (req.method ?? 'GET').toUpperCase();
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    cookies: headers.cookie?.split(/;\s*/),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: binary ? body.toString('base64') : text,
    isBase64Encoded: binary,
  };
}

function send(res: ServerResponse, result: HttpResultV2): void {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
  res.writeHead(result.statusCode, headers);
  res.end(
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
  );
}

/** An HTTP server on 127.0.0.1 that invokes `handler` exactly as API Gateway would. */
export function startHttpShim(handler: HttpHandler, port: number, name = 'gong-api'): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        send(res, {
          statusCode: 413,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ error: { code: 'VALIDATION', message: 'request body larger than 6 MB' } }),
        });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      handler(toEvent(req, Buffer.concat(chunks)), localContext(name))
        .then((result) => send(res, result))
        .catch((e: unknown) => {
          console.error(`[${name}] handler threw:`, e);
          send(res, {
            statusCode: 500,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              error: { code: 'INTERNAL', message: 'internal error (see the API log)' },
            }),
          });
        });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
