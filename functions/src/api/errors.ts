import { DomainError, type ErrorCode } from '@gong/core/domain/errors';
import { ZodError, z } from 'zod';
import { type ApiResult, jsonResult } from './http';

/** The one mapping from domain error codes to HTTP status. */
export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BUSY: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Human sentence for zod issues: `steps.0.message.text: Too small: expected string to have >=1 characters`. */
export function describeZodError(error: ZodError, where = 'body'): { message: string; details: unknown } {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return { message: `invalid ${where}: ${first}${more}`, details: { issues } };
}

export function validationError(error: ZodError, where = 'body'): DomainError {
  const { message, details } = describeZodError(error, where);
  return new DomainError('VALIDATION', message, { cause: error, details });
}

/** Parses with a schema, turning failures into a VALIDATION DomainError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

export function errorResult(error: unknown, log: (message: string, error: unknown) => void): ApiResult {
  if (error instanceof ZodError) return errorResult(validationError(error), log);
  if (error instanceof DomainError) {
    const status = STATUS_OF[error.code];
    if (status >= 500)
      log(`${error.code}: ${error.message}`, error.cause instanceof Error ? error.cause.message : '');
    const headers: Record<string, string> = {};
    const retry = retryAfter(error.details);
    if (retry !== undefined) headers['retry-after'] = String(retry);
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      },
    };
    return jsonResult(status, body, headers);
  }
  log('unexpected error', error);
  const body: ErrorBody = { error: { code: 'INTERNAL', message: 'internal error; it has been logged' } };
  return jsonResult(500, body);
}

function retryAfter(details: unknown): number | undefined {
  const parsed = z.object({ retryAfterSec: z.number().int().positive() }).safeParse(details);
  return parsed.success ? parsed.data.retryAfterSec : undefined;
}
