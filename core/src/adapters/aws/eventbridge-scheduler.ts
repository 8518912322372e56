import { createHash } from 'node:crypto';
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { DomainError } from '../../domain/errors';
import type { Schedule } from '../../domain/schedule';
import { ScheduleEvent } from '../../messages/schedule-event';
import type { ScheduleTrigger } from '../../ports/schedule-trigger';
import { parseCron } from '../../schedule/cron';

export interface EventBridgeTriggerConfig {
  region: string;
  /** schedule group (GONG_SCHEDULE_GROUP) */
  group: string;
  /** the scheduler function's ARN (GONG_SCHEDULE_TARGET_ARN) */
  targetArn: string;
  /** role EventBridge Scheduler assumes to invoke it (GONG_SCHEDULE_ROLE_ARN) */
  roleArn: string;
  /** LocalStack or another endpoint; unset on AWS */
  endpoint?: string;
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * A saved schedule's cron as an EventBridge Scheduler expression. The 5-field form `m h dom mon dow`
 * becomes `cron(m h dom mon dow *)` with `?` in the unrestricted day field and day-of-week written as
 * names (EventBridge numbers days 1–7 from Sunday, cron 0–7). The EventBridge form `cron(…)` is kept.
 * Both day fields restricted (cron's "either day matches") cannot be said in EventBridge: VALIDATION.
 */
export function toEventBridgeExpression(source: string): string {
  const parsed = parseCron(source);
  const text = source.trim();
  if (/^cron\(/i.test(text)) return `cron(${text.slice(5, -1).trim()})`;
  const [m, h, dom, mon] = text.split(/\s+/) as [string, string, string, string];
  if (parsed.domRestricted && parsed.dowRestricted) {
    throw new DomainError(
      'VALIDATION',
      `cron "${source}": EventBridge cannot restrict both day-of-month and day-of-week; use "*" in one of them`,
    );
  }
  if (!parsed.dowRestricted) return `cron(${m} ${h} ${dom} ${mon} ? *)`;
  const days = [...parsed.daysOfWeek].sort((a, b) => a - b).map((d) => DAY_NAMES[d]);
  return `cron(${m} ${h} ? ${mon} ${days.join(',')} *)`;
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the next whole second. */
export function atExpression(at: number): string {
  return `at(${new Date(Math.ceil(at / 1000) * 1000).toISOString().slice(0, 19)})`;
}

/** Schedule names: [0-9a-zA-Z-_.]{1,64}, unique within the group. */
export function recurringName(tenantId: string, scheduleId: string): string {
  const plain = `s-${tenantId}-${scheduleId}`;
  return plain.length <= 64 ? plain : `s-${hash(`${tenantId}/${scheduleId}`)}`;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/**
 * The recurring entry's input: a `schedule.fire` event whose `firedAt` EventBridge fills with the
 * scheduled time (an ISO string; the scheduler handler turns it into epoch ms).
 */
export function fireInput(tenantId: string, scheduleId: string): string {
  const event = ScheduleEvent.parse({ type: 'schedule.fire', v: 1, tenantId, scheduleId });
  return JSON.stringify({ ...event, firedAt: '<aws.scheduler.scheduled-time>' });
}

/** ScheduleTrigger on EventBridge Scheduler: one entry per saved schedule, one-time `at()` entries. */
export class EventBridgeScheduleTrigger implements ScheduleTrigger {
  private readonly client: Pick<SchedulerClient, 'send'>;

  constructor(
    private readonly config: EventBridgeTriggerConfig,
    client?: Pick<SchedulerClient, 'send'>,
  ) {
    this.client =
      client ??
      new SchedulerClient({
        region: config.region,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        maxAttempts: 3,
      });
  }

  async upsert(schedule: Schedule): Promise<void> {
    const input: CreateScheduleCommandInput = {
      Name: recurringName(schedule.tenantId, schedule.id),
      GroupName: this.config.group,
      Description: schedule.name.slice(0, 512),
      ScheduleExpression: toEventBridgeExpression(schedule.cron),
      ScheduleExpressionTimezone: 'UTC',
      State: schedule.enabled ? 'ENABLED' : 'DISABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: this.config.targetArn,
        RoleArn: this.config.roleArn,
        Input: fireInput(schedule.tenantId, schedule.id),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
      },
    };
    try {
      await this.client.send(new UpdateScheduleCommand(input));
    } catch (e) {
      if (!(e instanceof ResourceNotFoundException)) throw unavailable('update', input.Name, e);
      try {
        await this.client.send(new CreateScheduleCommand(input));
      } catch (e2) {
        // created by a concurrent upsert in between: write ours over it
        if (!(e2 instanceof ConflictException)) throw unavailable('create', input.Name, e2);
        await this.client.send(new UpdateScheduleCommand(input));
      }
    }
  }

  async delete(tenantId: string, scheduleId: string): Promise<void> {
    const name = recurringName(tenantId, scheduleId);
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.config.group }));
    } catch (e) {
      if (!(e instanceof ResourceNotFoundException)) throw unavailable('delete', name, e);
    }
  }

  async once(event: ScheduleEvent, at: number): Promise<void> {
    const body = JSON.stringify(ScheduleEvent.parse(event));
    const name = `once-${hash(`${at}:${body}`)}`;
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: this.config.group,
          ScheduleExpression: atExpression(at),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.config.targetArn,
            RoleArn: this.config.roleArn,
            Input: body,
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          },
        }),
      );
    } catch (e) {
      if (!(e instanceof ConflictException)) throw unavailable('create', name, e);
    }
  }
}

function unavailable(action: string, name: string | undefined, cause: unknown): DomainError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new DomainError(
    'UNAVAILABLE',
    `EventBridge Scheduler could not ${action} schedule ${name}: ${why}`,
    {
      cause,
    },
  );
}
