import { randomInt } from 'node:crypto';
import { type AwsConfig, dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { MemoryScheduleTrigger } from '@gong/core/adapters/memory/schedule-trigger';
import { dynamoRepositories } from '@gong/core/app/repositories';
import type { Schedule } from '@gong/core/domain/schedule';
import { METRICS_TABLE } from '@gong/core/infra/resources';
import type { ScheduleEvent } from '@gong/core/messages/schedule-event';
import type { Clock } from '@gong/core/ports/clock';
import { systemClock } from '@gong/core/ports/clock';
import type { TenantRepository } from '@gong/core/ports/repository';
import { seededRng } from '@gong/core/rng';
import { firedBetween, parseCron } from '@gong/core/schedule/cron';
import { summarizeRun } from '@gong/functions/results/summarize-run';
import { completeScheduledRun } from '@gong/functions/scheduler/complete-run';
import type { SchedulerDeps } from '@gong/functions/scheduler/deps';
import { type HandleResult, handleScheduleEvent } from '@gong/functions/scheduler/handle-event';

export interface ScheduleTimerOptions {
  /** the scheduler's dependencies; their trigger must be `trigger` (busy retries, checks land there) */
  deps: SchedulerDeps;
  trigger: MemoryScheduleTrigger;
  /** whose schedules to read (every tenant of the local cloud) */
  tenants: Pick<TenantRepository, 'list'>;
  /** drives the cron: which minutes passed since the last tick */
  clock: Clock;
  /** how often `start()` ticks */
  intervalMs?: number;
}

export interface TickReport {
  /** cron fires handled this tick (schedule id → what firing did) */
  fired: { scheduleId: string; firedAt: number; result: HandleResult }[];
  /** one-time events (busy retries, outcome checks) that came due */
  due: { event: ScheduleEvent; result: HandleResult }[];
  /** outcome polls of runs the schedules are waiting for */
  polled: { scheduleId: string; runId: string; result: HandleResult }[];
  errors: string[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The local stand-in for EventBridge Scheduler. Each tick: fires every enabled schedule whose cron
 * matched a minute in (last tick, now] (`firedBetween`, UTC, at most one fire per schedule per tick),
 * delivers the one-time events the scheduler booked (busy retries, outcome checks) once the scheduler's
 * clock reaches them, and polls the runs schedules wait for, so outcomes land on the next tick after a
 * run ends. Everything goes through the same functions the scheduler Lambda calls.
 */
export class ScheduleTimer {
  private readonly intervalMs: number;
  private lastTick: number | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: ScheduleTimerOptions) {
    this.intervalMs = options.intervalMs ?? 5_000;
  }

  /** Ticks every `intervalMs` of the injected clock until `stop()`; the first tick counts from now. */
  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.lastTick ??= this.options.clock.now();
    this.loop = (async () => {
      while (!this.stopped) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.options.clock.sleep(this.intervalMs).then(resolve);
        });
        if (this.stopped) break;
        const report = await this.tick(this.options.clock.now());
        for (const e of report.errors)
          this.options.deps.log({ level: 'error', msg: 'schedule timer', error: e });
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.chain.catch(() => undefined);
    this.loop = undefined;
  }

  /** One tick at `now` (cron time). Ticks never overlap: a second call waits for the first. */
  tick(now: number): Promise<TickReport> {
    const next = this.chain.then(() => this.run(now));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async run(now: number): Promise<TickReport> {
    const from = this.lastTick ?? now;
    this.lastTick = Math.max(from, now);
    const { deps, trigger } = this.options;
    const report: TickReport = { fired: [], due: [], polled: [], errors: [] };
    for (const tenantId of await this.tenantIds(report)) {
      for (const schedule of await this.schedulesOf(tenantId, report)) {
        if (schedule.enabled) await this.fireIfDue(schedule, from, now, report);
        if (schedule.pending) {
          const { runId } = schedule.pending;
          try {
            const result = await completeScheduledRun(
              deps,
              { tenantId, scheduleId: schedule.id, runId, attempt: 1 },
              false,
            );
            report.polled.push({ scheduleId: schedule.id, runId, result });
          } catch (e) {
            report.errors.push(`schedule ${schedule.id} run ${runId}: ${message(e)}`);
          }
        }
      }
    }
    for (const event of trigger.takeDue(Math.floor(deps.runControl.clock.now()))) {
      try {
        report.due.push({ event, result: await handleScheduleEvent(deps, event) });
      } catch (e) {
        report.errors.push(`${event.type} ${event.scheduleId}: ${message(e)}`);
      }
    }
    return report;
  }

  private async fireIfDue(schedule: Schedule, from: number, now: number, report: TickReport): Promise<void> {
    let firedAt: number | undefined;
    try {
      firedAt = firedBetween(parseCron(schedule.cron), from, now);
    } catch (e) {
      report.errors.push(`schedule ${schedule.id}: ${message(e)}`);
      return;
    }
    if (firedAt === undefined) return;
    const event: ScheduleEvent = {
      type: 'schedule.fire',
      v: 1,
      tenantId: schedule.tenantId,
      scheduleId: schedule.id,
      firedAt,
    };
    try {
      report.fired.push({
        scheduleId: schedule.id,
        firedAt,
        result: await handleScheduleEvent(this.options.deps, event),
      });
    } catch (e) {
      report.errors.push(`schedule ${schedule.id} fire: ${message(e)}`);
    }
  }

  private async tenantIds(report: TickReport): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    try {
      do {
        const page = await this.options.tenants.list({ limit: 100, ...(cursor ? { cursor } : {}) });
        ids.push(...page.items.map((t) => t.id));
        cursor = page.cursor;
      } while (cursor);
    } catch (e) {
      report.errors.push(`listing tenants: ${message(e)}`);
    }
    return ids;
  }

  private async schedulesOf(tenantId: string, report: TickReport): Promise<Schedule[]> {
    const out: Schedule[] = [];
    let cursor: string | undefined;
    try {
      do {
        const page = await this.options.deps.schedules.list(tenantId, {
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        out.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
    } catch (e) {
      report.errors.push(`listing schedules of ${tenantId}: ${message(e)}`);
    }
    return out;
  }
}

/**
 * The local cloud's timer over DynamoDB Local and fauxqs (for local/src/lambda/lambdas-main.ts):
 *   const timer = localScheduleTimer(aws, { log }); timer.start(); … await timer.stop();
 * Runs start in-process through run control, like the API's POST /runs.
 */
export function localScheduleTimer(
  aws: AwsConfig,
  options: { intervalMs?: number; log?: (entry: Record<string, unknown>) => void } = {},
): ScheduleTimer {
  const repos = dynamoRepositories(aws);
  const metrics = dynamoMetricsStore(dynamoClient(aws), tableName(aws, METRICS_TABLE.name));
  const trigger = new MemoryScheduleTrigger();
  const deps: SchedulerDeps = {
    schedules: repos.schedules,
    metrics,
    trigger,
    runControl: {
      runs: repos.runs,
      leases: repos.leases,
      operators: repos.operators,
      sequences: repos.sequences,
      queue: new SqsQueue(aws),
      clock: systemClock,
      rng: seededRng(randomInt(0, 2 ** 31 - 1)),
      summarize: (tenantId, runId) => summarizeRun({ metrics, clock: systemClock }, tenantId, runId),
    },
    log: options.log ?? ((entry) => console.log(JSON.stringify({ source: 'schedule-timer', ...entry }))),
  };
  return new ScheduleTimer({
    deps,
    trigger,
    tenants: repos.tenants,
    clock: systemClock,
    ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
  });
}
