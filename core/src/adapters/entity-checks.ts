import type { z } from 'zod';
import { DomainError } from '../domain/errors';

/**
 * Checks shared by every repository adapter (memory twin and DynamoDB): an entity is validated with
 * its zod schema before it is written, and its `tenantId` must be the caller's.
 */
export function validateForWrite<T>(schema: z.ZodType<T>, kind: string, entity: unknown): T {
  const result = schema.safeParse(entity);
  if (!result.success) {
    throw new DomainError('VALIDATION', `invalid ${kind}: ${summarizeIssues(result.error)}`, {
      cause: result.error,
      details: result.error.issues,
    });
  }
  return result.data;
}

export function assertTenant(kind: string, tenantId: string, entity: { tenantId: string; id: string }): void {
  if (entity.tenantId !== tenantId) {
    throw new DomainError(
      'VALIDATION',
      `${kind} ${entity.id} belongs to tenant ${entity.tenantId}, not to the caller's tenant ${tenantId}`,
    );
  }
}

export function assertSameIdentity(
  kind: string,
  before: { tenantId: string; id: string },
  after: { tenantId: string; id: string },
): void {
  if (before.id !== after.id || before.tenantId !== after.tenantId) {
    throw new DomainError('VALIDATION', `an update may not change the id or tenant of ${kind} ${before.id}`);
  }
}

export function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Page size bounds shared by all adapters: default 50, at most 1000. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 50;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new DomainError('VALIDATION', `page limit must be a positive integer, got ${limit}`);
  }
  return Math.min(limit, 1000);
}

/** Emails compare case-insensitively and without surrounding blanks (as the User schema stores them). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkTtl(ttlSec: number): void {
  if (!Number.isFinite(ttlSec) || ttlSec <= 0) {
    throw new DomainError('VALIDATION', `a TTL is a positive number of seconds, got ${ttlSec}`);
  }
}

export function checkDuration(leaseMs: number): void {
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) {
    throw new DomainError('VALIDATION', `a lease lasts a positive number of ms, got ${leaseMs}`);
  }
}
