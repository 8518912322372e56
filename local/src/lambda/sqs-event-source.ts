import { createHash } from 'node:crypto';
import type { QueuePort } from '@gong/core/ports/queue';
import { localContext, type SqsBatchResponse, type SqsEvent } from './lambda-shapes';

export type SqsHandler = (
  event: SqsEvent,
  context: ReturnType<typeof localContext>,
) => Promise<SqsBatchResponse | undefined>;

export interface EventSourceOptions {
  queue: string;
  queueArn: string;
  region: string;
  batchSize?: number;
  functionName: string;
  log: (line: string) => void;
}

/**
 * The local stand-in for Lambda's SQS event source mapping (with ReportBatchItemFailures): long-polls
 * the queue, invokes the handler with a real SQS event, deletes what succeeded. Failed items (and a
 * whole batch when the handler throws) stay in flight until their visibility timeout, come back,
 * and after maxReceiveCount the queue's redrive policy moves them to the dead-letter queue.
 */
export class SqsEventSource {
  private running = false;
  private loop: Promise<void> | undefined;
  invocations = 0;
  failures = 0;

  constructor(
    private readonly port: QueuePort,
    private readonly handler: SqsHandler,
    private readonly options: EventSourceOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One receive → invoke → delete round; returns how many messages were handled. */
  async pollOnce(waitSeconds = 20): Promise<number> {
    const messages = await this.port.receive(this.options.queue, {
      max: this.options.batchSize ?? 10,
      waitSeconds,
    });
    if (messages.length === 0) return 0;
    const event: SqsEvent = {
      Records: messages.map((m) => ({
        messageId: m.id,
        receiptHandle: m.receipt,
        body: m.body,
        attributes: {
          ApproximateReceiveCount: String(m.receiveCount),
          SentTimestamp: String(m.sentAt),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: createHash('md5').update(m.body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: this.options.queueArn,
        awsRegion: this.options.region,
      })),
    };
    this.invocations++;
    let failed = new Set<string>();
    try {
      const response = await this.handler(event, localContext(this.options.functionName, 60_000));
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (e) {
      this.failures++;
      this.options.log(
        `${this.options.functionName} threw; the whole batch of ${messages.length} will be retried: ${String(e)}`,
      );
      return messages.length;
    }
    if (failed.size > 0) {
      this.failures++;
      this.options.log(
        `${this.options.functionName} reported ${failed.size} of ${messages.length} item(s) failed; they will be retried`,
      );
    }
    const done = messages.filter((m) => !failed.has(m.id)).map((m) => m.receipt);
    if (done.length) await this.port.ack(this.options.queue, done);
    return messages.length;
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      try {
        await this.pollOnce(backoff > 0 ? 1 : 5);
        backoff = 0;
      } catch (e) {
        backoff = Math.min(10_000, backoff ? backoff * 2 : 500);
        this.options.log(
          `receive from ${this.options.queue} failed (${String(e)}); retrying in ${backoff} ms`,
        );
        await new Promise((r) => setTimeout(r, backoff));
      }
    }
  }
}
