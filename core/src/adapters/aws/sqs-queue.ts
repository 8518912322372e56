import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { DomainError } from '../../domain/errors';
import { physicalName } from '../../infra/resources';
import type { QueuePort, ReceivedMessage, ReceiveOptions } from '../../ports/queue';
import {
  checkBodies,
  checkInt,
  checkSeconds,
  MAX_BATCH,
  MAX_PAYLOAD_BYTES,
  MAX_VISIBILITY_SEC,
  MAX_WAIT_SEC,
} from '../queue-checks';
import { type AwsConfig, sqsClient } from './clients';
import { hasErrorCode, isMissingQueue, sqsFailure } from './sqs-errors';

export interface SqsQueueOptions {
  /** share a client (default: one from `sqsClient(config)`) */
  client?: SQSClient;
  /** attempts per batch entry that SQS reports as failed for a server-side reason; default 5 */
  sendAttempts?: number;
}

/** Batches sent concurrently by one `send`. */
const SEND_CONCURRENCY = 4;

/**
 * QueuePort on SQS (fauxqs, LocalStack or AWS). Queues are addressed by logical name; the physical
 * queue is `${prefix}-${name}` and its URL is resolved once and cached. `send` packs bodies into
 * SendMessageBatch calls of at most 10 entries and 256 KiB, retrying entries SQS failed on its side.
 * Without options, `receive` takes up to 10 messages and uses the queue's own long-poll wait and
 * visibility timeout.
 */
export class SqsQueue implements QueuePort {
  private readonly client: SQSClient;
  private readonly urls = new Map<string, Promise<string>>();
  private readonly sendAttempts: number;

  constructor(
    private readonly config: AwsConfig,
    options: SqsQueueOptions = {},
  ) {
    this.client = options.client ?? sqsClient(config);
    this.sendAttempts = options.sendAttempts ?? 5;
  }

  async send(queue: string, bodies: string[], options: { delaySeconds?: number } = {}): Promise<string[]> {
    checkBodies(queue, bodies, options.delaySeconds);
    if (bodies.length === 0) return [];
    const url = await this.url(queue);
    const ids: string[] = new Array(bodies.length);
    const batches = packBatches(bodies);
    for (let i = 0; i < batches.length; i += SEND_CONCURRENCY) {
      await Promise.all(
        batches
          .slice(i, i + SEND_CONCURRENCY)
          .map((batch) => this.sendBatch(queue, url, batch, bodies, ids, options)),
      );
    }
    return ids;
  }

  async receive(queue: string, options: ReceiveOptions = {}): Promise<ReceivedMessage[]> {
    const max = options.max ?? MAX_BATCH;
    checkInt('max', max, 1, MAX_BATCH);
    if (options.waitSeconds !== undefined) checkInt('waitSeconds', options.waitSeconds, 0, MAX_WAIT_SEC);
    if (options.visibilityTimeoutSec !== undefined) {
      checkInt('visibilityTimeoutSec', options.visibilityTimeoutSec, 0, MAX_VISIBILITY_SEC);
    }
    const url = await this.url(queue);
    try {
      const out = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: max,
          ...(options.waitSeconds !== undefined ? { WaitTimeSeconds: options.waitSeconds } : {}),
          ...(options.visibilityTimeoutSec !== undefined
            ? { VisibilityTimeout: options.visibilityTimeoutSec }
            : {}),
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        }),
      );
      return (out.Messages ?? []).map((m) => ({
        id: m.MessageId ?? '',
        body: m.Body ?? '',
        receipt: m.ReceiptHandle ?? '',
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
        sentAt: Number(m.Attributes?.SentTimestamp ?? Date.now()),
      }));
    } catch (error) {
      throw this.failure(queue, 'receive', error);
    }
  }

  async ack(queue: string, receipts: string[]): Promise<void> {
    if (receipts.length === 0) return;
    const url = await this.url(queue);
    for (let i = 0; i < receipts.length; i += MAX_BATCH) {
      let pending = receipts
        .slice(i, i + MAX_BATCH)
        .map((receipt, j) => ({ Id: String(i + j), ReceiptHandle: receipt }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        let failed: { Id?: string; Code?: string; SenderFault?: boolean }[];
        try {
          const out = await this.client.send(
            new DeleteMessageBatchCommand({ QueueUrl: url, Entries: pending }),
          );
          failed = out.Failed ?? [];
        } catch (error) {
          throw this.failure(queue, 'ack', error);
        }
        if (failed.length === 0) break;
        if (attempt >= 3 || failed.some((f) => f.SenderFault)) {
          throw new DomainError(
            'UNAVAILABLE',
            `SQS ack on ${queue} failed for ${failed.length} message(s): ${failed.map((f) => f.Code).join(', ')}`,
            { details: failed },
          );
        }
        const retry = new Set(failed.map((f) => f.Id));
        pending = pending.filter((p) => retry.has(p.Id));
        await pause(attempt);
      }
    }
  }

  async release(queue: string, receipt: string, seconds: number): Promise<void> {
    checkSeconds('seconds', seconds);
    const url = await this.url(queue);
    try {
      await this.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: receipt,
          VisibilityTimeout: seconds,
        }),
      );
    } catch (error) {
      if (hasErrorCode(error, 'MessageNotInflight', 'ReceiptHandleIsInvalid')) {
        throw new DomainError('VALIDATION', `receipt is not in flight on queue ${queue} (expired or acked)`, {
          cause: error,
        });
      }
      throw this.failure(queue, 'release', error);
    }
  }

  async depth(queue: string): Promise<number> {
    const url = await this.url(queue);
    try {
      const out = await this.client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
    } catch (error) {
      throw this.failure(queue, 'depth', error);
    }
  }

  /** AWS allows one purge per queue per 60 s; a purge already in progress counts as done. */
  async purge(queue: string): Promise<void> {
    const url = await this.url(queue);
    try {
      await this.client.send(new PurgeQueueCommand({ QueueUrl: url }));
    } catch (error) {
      if (hasErrorCode(error, 'PurgeQueueInProgress')) return;
      throw this.failure(queue, 'purge', error);
    }
  }

  /** The queue URL of a logical queue name, resolved once. */
  url(queue: string): Promise<string> {
    let url = this.urls.get(queue);
    if (!url) {
      const name = physicalName(this.config.prefix, queue);
      url = this.client.send(new GetQueueUrlCommand({ QueueName: name })).then(
        (out) => {
          if (!out.QueueUrl) throw new DomainError('UNAVAILABLE', `SQS returned no URL for queue ${name}`);
          return out.QueueUrl;
        },
        (error: unknown) => {
          this.urls.delete(queue);
          throw this.failure(queue, 'queue lookup', error);
        },
      );
      this.urls.set(queue, url);
    }
    return url;
  }

  private async sendBatch(
    queue: string,
    url: string,
    batch: number[],
    bodies: string[],
    ids: string[],
    options: { delaySeconds?: number },
  ): Promise<void> {
    let pending: SendMessageBatchRequestEntry[] = batch.map((index) => ({
      Id: String(index),
      MessageBody: bodies[index],
      ...(options.delaySeconds ? { DelaySeconds: options.delaySeconds } : {}),
    }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      let out: SendMessageBatchCommandOutput;
      try {
        out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: pending }));
      } catch (error) {
        throw this.failure(queue, 'send', error);
      }
      for (const ok of out.Successful ?? []) ids[Number(ok.Id)] = ok.MessageId ?? '';
      const failed = out.Failed ?? [];
      if (failed.length === 0) return;
      const senderFault = failed.find((f) => f.SenderFault);
      if (senderFault || attempt >= this.sendAttempts) {
        const first = senderFault ?? failed[0];
        throw new DomainError(
          senderFault ? 'VALIDATION' : 'UNAVAILABLE',
          `SQS refused ${failed.length} message(s) for ${queue}: ${first?.Code} ${first?.Message ?? ''}`.trim(),
          { details: failed },
        );
      }
      const retry = new Set(failed.map((f) => f.Id));
      pending = pending.filter((p) => retry.has(p.Id));
      await pause(attempt);
    }
  }

  private failure(queue: string, what: string, error: unknown): DomainError {
    if (isMissingQueue(error)) {
      return new DomainError(
        'NOT_FOUND',
        `queue ${queue} (${physicalName(this.config.prefix, queue)}) does not exist; run ensureQueues`,
        { cause: error },
      );
    }
    return sqsFailure(`${what} on ${queue}`, error);
  }
}

/** Indexes of `bodies` grouped into batches of at most 10 entries and 256 KiB. */
export function packBatches(bodies: string[]): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const [index, body] of bodies.entries()) {
    const size = Buffer.byteLength(body, 'utf8');
    if (current.length === MAX_BATCH || (current.length > 0 && bytes + size > MAX_PAYLOAD_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
}
