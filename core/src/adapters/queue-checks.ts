import { DomainError } from '../domain/errors';
import type { QueueDef } from '../infra/resources';
import type { ReceiveOptions } from '../ports/queue';

/** SQS limits both queue adapters enforce, so the twin fails where the real thing would. */
export const MAX_BATCH = 10;
export const MAX_WAIT_SEC = 20;
export const MAX_VISIBILITY_SEC = 12 * 3600;
export const MAX_DELAY_SEC = 900;
/** Bytes per message and per SendMessageBatch request (SQS's long-standing 256 KiB limit). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export interface ResolvedReceive {
  max: number;
  waitSeconds: number;
  visibilityTimeoutSec: number;
}

/** Defaults: up to 10 messages, the queue's own long-poll wait and visibility timeout. */
export function resolveReceive(def: QueueDef, options: ReceiveOptions = {}): ResolvedReceive {
  const max = options.max ?? MAX_BATCH;
  const waitSeconds = options.waitSeconds ?? def.receiveWaitSec;
  const visibilityTimeoutSec = options.visibilityTimeoutSec ?? def.visibilityTimeoutSec;
  checkInt('max', max, 1, MAX_BATCH);
  checkInt('waitSeconds', waitSeconds, 0, MAX_WAIT_SEC);
  checkInt('visibilityTimeoutSec', visibilityTimeoutSec, 0, MAX_VISIBILITY_SEC);
  return { max, waitSeconds, visibilityTimeoutSec };
}

export function checkBodies(queue: string, bodies: string[], delaySeconds: number | undefined): void {
  if (delaySeconds !== undefined) checkInt('delaySeconds', delaySeconds, 0, MAX_DELAY_SEC);
  for (const [i, body] of bodies.entries()) {
    if (body.length === 0) throw new DomainError('VALIDATION', `message ${i} for queue ${queue} is empty`);
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new DomainError(
        'VALIDATION',
        `message ${i} for queue ${queue} is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES}`,
      );
    }
  }
}

export function checkSeconds(name: string, value: number): void {
  checkInt(name, value, 0, MAX_VISIBILITY_SEC);
}

export function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DomainError('VALIDATION', `${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}
