import { decodeBody } from '@gong/core/messages/codec';
import { FleetCommand } from '@gong/core/messages/fleet-command';
import type { QueuePort } from '@gong/core/ports/queue';
import type { Logger } from './logger';

export interface CommandPollerOptions {
  queue: QueuePort;
  queueName: string;
  apply: (command: FleetCommand) => void | Promise<void>;
  log: Logger;
  now: () => number;
  waitSeconds?: number;
}

/**
 * Long-polls the slot's command queue and applies each command, then acks it. A message that does not
 * parse as a FleetCommand is logged and acked (retrying cannot make it valid, and a poison message
 * must not block the slot); a command that fails to apply is logged and acked too — its failure is
 * reported as an event (run.error / session.event) by the handler. Never throws out of the loop.
 */
export class CommandPoller {
  /** age of the last command when it was received (ms): the status' queue lag */
  lastLagMs = 0;
  readonly counters = { received: 0, applied: 0, rejected: 0, failed: 0, receiveErrors: 0 };
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: CommandPollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling. A receive in progress finishes; what it brings back is released to the queue. */
  stop(): void {
    this.running = false;
  }

  /** Resolves when the loop has exited (after the current long poll returns). */
  async stopped(): Promise<void> {
    await this.loop;
  }

  private async run(): Promise<void> {
    const { queue, queueName, log } = this.opts;
    let backoff = 200;
    while (this.running) {
      let messages: Awaited<ReturnType<QueuePort['receive']>>;
      try {
        messages = await queue.receive(queueName, { max: 10, waitSeconds: this.opts.waitSeconds ?? 20 });
        backoff = 200;
      } catch (err) {
        this.counters.receiveErrors++;
        log.warn('command queue receive failed', { err: String(err), backoffMs: backoff });
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 10_000);
        continue;
      }
      if (!this.running) {
        await Promise.all(messages.map((m) => queue.release(queueName, m.receipt, 0).catch(() => undefined)));
        break;
      }
      for (const m of messages) {
        this.counters.received++;
        this.lastLagMs = Math.max(0, this.opts.now() - m.sentAt);
        let command: FleetCommand | undefined;
        try {
          command = decodeBody(FleetCommand, m.body);
        } catch (err) {
          this.counters.rejected++;
          log.error('bad command ignored', {
            messageId: m.id,
            err: summarize(err),
            body: m.body.slice(0, 300),
          });
        }
        if (command !== undefined) {
          try {
            await this.opts.apply(command);
            this.counters.applied++;
          } catch (err) {
            this.counters.failed++;
            log.error('command failed', { type: command.type, err: summarize(err) });
          }
        }
        try {
          await queue.ack(queueName, [m.receipt]);
        } catch (err) {
          log.warn('command ack failed (it may be applied twice)', { err: String(err) });
        }
      }
    }
  }
}

function summarize(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
