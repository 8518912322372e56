import { DomainError } from '../../domain/errors';

const MISSING_QUEUE = new Set([
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'NonExistentQueue',
]);

/** Does the SDK error carry this SQS error code (as its name, or as a query-compatible `Code`)? */
export function hasErrorCode(error: unknown, ...codes: string[]): boolean {
  if (!(error instanceof Error)) return false;
  const names = [error.name, (error as Error & { Code?: string }).Code ?? ''];
  return names.some((n) => codes.some((c) => n === c || n.endsWith(`.${c}`)));
}

export function isMissingQueue(error: unknown): boolean {
  return hasErrorCode(error, ...MISSING_QUEUE);
}

export function sqsFailure(what: string, error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DomainError('UNAVAILABLE', `SQS ${what} failed (${detail})`, { cause: error });
}
