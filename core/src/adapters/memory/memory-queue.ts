import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { QueueDef } from '../../infra/resources';
import { type Clock, systemClock } from '../../ports/clock';
import type { QueuePort, ReceivedMessage, ReceiveOptions } from '../../ports/queue';
import { checkBodies, checkSeconds, resolveReceive } from '../queue-checks';

interface StoredMessage {
  id: string;
  body: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  /** receipt of the latest delivery; older receipts no longer work */
  receipt?: string;
}

interface MemoryQueueState {
  def: QueueDef;
  messages: StoredMessage[];
  arrivals: Set<() => void>;
}

/**
 * In-memory twin of SQS standard queues, driven by an injected clock. At-least-once: a received
 * message stays in flight for its visibility timeout, then comes back with a higher receiveCount; the
 * receive after the `maxReceiveCount`-th delivery moves it to the dead-letter queue instead (as SQS
 * and fauxqs do). A long poll resolves as soon as a message can be delivered.
 */
export class MemoryQueue implements QueuePort {
  private readonly queues = new Map<string, MemoryQueueState>();

  constructor(
    defs: readonly QueueDef[],
    private readonly clock: Clock = systemClock,
  ) {
    for (const def of defs) this.queues.set(def.name, { def, messages: [], arrivals: new Set() });
    for (const def of defs) {
      if (def.deadLetter && !this.queues.has(def.deadLetter.name)) {
        throw new DomainError(
          'VALIDATION',
          `queue ${def.name} redrives to ${def.deadLetter.name}, which is not defined`,
        );
      }
    }
  }

  async send(queue: string, bodies: string[], options: { delaySeconds?: number } = {}): Promise<string[]> {
    const state = this.state(queue);
    checkBodies(queue, bodies, options.delaySeconds);
    const now = this.clock.now();
    const ids = bodies.map((body) =>
      this.enqueue(state, body, now, now + (options.delaySeconds ?? 0) * 1000),
    );
    this.wake(state);
    return ids;
  }

  async receive(queue: string, options?: ReceiveOptions): Promise<ReceivedMessage[]> {
    const state = this.state(queue);
    const { max, waitSeconds, visibilityTimeoutSec } = resolveReceive(state.def, options);
    const deadline = this.clock.now() + waitSeconds * 1000;
    for (;;) {
      const taken = this.take(state, max, visibilityTimeoutSec);
      const now = this.clock.now();
      if (taken.length > 0 || now >= deadline) return taken;
      const nextVisible = Math.min(...state.messages.map((m) => m.visibleAt).filter((at) => at > now));
      await this.waitForArrival(state, Math.min(deadline, nextVisible) - now);
    }
  }

  async ack(queue: string, receipts: string[]): Promise<void> {
    const state = this.state(queue);
    const gone = new Set(receipts);
    state.messages = state.messages.filter((m) => m.receipt === undefined || !gone.has(m.receipt));
  }

  async release(queue: string, receipt: string, seconds: number): Promise<void> {
    checkSeconds('seconds', seconds);
    const state = this.state(queue);
    const message = state.messages.find((m) => m.receipt === receipt);
    const now = this.clock.now();
    if (!message || message.visibleAt <= now) {
      throw new DomainError('VALIDATION', `receipt is not in flight on queue ${queue} (expired or acked)`);
    }
    message.visibleAt = now + seconds * 1000;
    if (seconds === 0) this.wake(state);
  }

  async depth(queue: string): Promise<number> {
    const now = this.clock.now();
    return this.state(queue).messages.filter((m) => m.visibleAt <= now).length;
  }

  async purge(queue: string): Promise<void> {
    this.state(queue).messages = [];
  }

  private take(state: MemoryQueueState, max: number, visibilityTimeoutSec: number): ReceivedMessage[] {
    const now = this.clock.now();
    const taken: ReceivedMessage[] = [];
    const redrive = state.def.deadLetter;
    for (const message of [...state.messages]) {
      if (taken.length >= max) break;
      if (message.visibleAt > now) continue;
      message.receiveCount += 1;
      if (redrive && message.receiveCount > redrive.maxReceiveCount) {
        state.messages = state.messages.filter((m) => m !== message);
        const dlq = this.state(redrive.name);
        dlq.messages.push({ ...message, visibleAt: now, receipt: undefined });
        this.wake(dlq);
        continue;
      }
      message.receipt = `${message.id}:${message.receiveCount}:${randomUUID()}`;
      message.visibleAt = now + visibilityTimeoutSec * 1000;
      taken.push({
        id: message.id,
        body: message.body,
        receipt: message.receipt,
        receiveCount: message.receiveCount,
        sentAt: message.sentAt,
      });
    }
    return taken;
  }

  private enqueue(state: MemoryQueueState, body: string, now: number, visibleAt: number): string {
    const id = randomUUID();
    state.messages.push({ id, body, sentAt: now, visibleAt, receiveCount: 0 });
    return id;
  }

  /** Resolves on the next send/release to this queue or after `ms` on the injected clock. */
  private waitForArrival(state: MemoryQueueState, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        state.arrivals.delete(finish);
        resolve();
      };
      state.arrivals.add(finish);
      void this.clock.sleep(Math.max(0, ms)).then(finish);
    });
  }

  private wake(state: MemoryQueueState): void {
    for (const waiter of [...state.arrivals]) waiter();
  }

  private state(queue: string): MemoryQueueState {
    const state = this.queues.get(queue);
    if (!state) throw new DomainError('NOT_FOUND', `queue ${queue} is not defined`);
    return state;
  }
}
