/** A message as received from a queue. `receiveCount` counts deliveries (1 on the first). */
export interface ReceivedMessage {
  id: string;
  body: string;
  receipt: string;
  receiveCount: number;
  sentAt: number;
}

export interface ReceiveOptions {
  max?: number;
  waitSeconds?: number;
  visibilityTimeoutSec?: number;
}

/**
 * Queues by logical name (see core/src/infra/resources.ts). At-least-once delivery:
 * a message not acked within its visibility timeout comes back; after the queue's maxReceiveCount
 * it moves to the dead-letter queue.
 */
export interface QueuePort {
  /** Sends bodies in as few calls as possible; returns their message ids. */
  send(queue: string, bodies: string[], options?: { delaySeconds?: number }): Promise<string[]>;
  receive(queue: string, options?: ReceiveOptions): Promise<ReceivedMessage[]>;
  ack(queue: string, receipts: string[]): Promise<void>;
  /** Makes a received message visible again after `seconds` (0 = now). */
  release(queue: string, receipt: string, seconds: number): Promise<void>;
  /** Approximate number of visible messages. */
  depth(queue: string): Promise<number>;
  purge(queue: string): Promise<void>;
}
