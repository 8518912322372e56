/** The subset of an API Gateway HTTP API (payload v2) event the API reads; the local shim builds exactly this. */
export interface ApiEvent {
  version?: string;
  rawPath: string;
  rawQueryString?: string;
  /** lower-cased names */
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string; path?: string; sourceIp?: string }; requestId?: string };
}

export interface ApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/** What a route handler returns: JSON by default, or text with its content type (CSV). */
export interface Reply {
  status?: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** presence label for this request when the route knows better than its default, e.g. "functional session on Orange" */
  activity?: string;
}

export function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: status === 204 ? '' : JSON.stringify(body),
  };
}

export function toResult(reply: Reply): ApiResult {
  const status = reply.status ?? 200;
  if (reply.text !== undefined) {
    return {
      statusCode: status,
      headers: {
        'content-type': reply.contentType ?? 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        ...reply.headers,
      },
      body: reply.text,
    };
  }
  return jsonResult(status, reply.json ?? null, reply.headers);
}

export function decodeBody(event: ApiEvent): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

export function header(event: ApiEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  return headers[name] ?? headers[name.toLowerCase()];
}
