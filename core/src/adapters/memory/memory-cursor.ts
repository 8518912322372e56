import { DomainError } from '../../domain/errors';

/** Opaque paging cursor of the memory twins: the last id of the previous page, base64url JSON. */
export function encodeCursor(scope: string, after: string): string {
  return Buffer.from(JSON.stringify({ s: scope, a: after }), 'utf8').toString('base64url');
}

export function decodeCursor(scope: string, cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'a' in parsed &&
      's' in parsed &&
      typeof parsed.a === 'string' &&
      parsed.s === scope
    ) {
      return parsed.a;
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('VALIDATION', 'invalid paging cursor');
}
