import { gunzipSync, gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { expandPackedBatch } from './packed-records';

/** SQS caps a message at 256 KiB; keep a margin for attributes. */
export const MAX_QUEUE_BODY_BYTES = 250_000;
const GZIP_PREFIX = 'gz1:';
const GZIP_OVER_BYTES = 16_000;

/** Serialize a queue message: JSON, gzipped + base64 when large. */
export function encodeBody(message: unknown): string {
  const json = JSON.stringify(message);
  if (json.length < GZIP_OVER_BYTES) return json;
  const body = GZIP_PREFIX + gzipSync(json, { level: 1 }).toString('base64');
  if (body.length > MAX_QUEUE_BODY_BYTES) {
    throw new Error(
      `queue message too large: ${body.length} bytes after compression (max ${MAX_QUEUE_BODY_BYTES})`,
    );
  }
  return body;
}

export function decodeBody<S extends z.ZodType>(schema: S, body: string): z.infer<S> {
  const json = body.startsWith(GZIP_PREFIX)
    ? gunzipSync(Buffer.from(body.slice(GZIP_PREFIX.length), 'base64')).toString('utf8')
    : body;
  return schema.parse(expandPackedBatch(JSON.parse(json)));
}
