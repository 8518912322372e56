import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import {
  atExpression,
  EventBridgeScheduleTrigger,
  recurringName,
  toEventBridgeExpression,
} from '@gong/core/adapters/aws/eventbridge-scheduler';
import { parseScheduleEvent } from '@gong/functions/scheduler/handle-event';
import { describe, expect, it } from 'vitest';
import { aSavedSchedule, TENANT } from './scheduler-harness';

const CONFIG = {
  region: 'eu-west-1',
  group: 'gong-schedules',
  targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:gong-scheduler',
  roleArn: 'arn:aws:iam::123456789012:role/gong-schedule-invoke',
};

/** A recording stand-in for the SDK client (adapter unit test only; the real one needs AWS). */
function fakeClient(answers: ((command: unknown) => unknown)[] = []) {
  const sent: unknown[] = [];
  return {
    sent,
    send: async (command: unknown) => {
      sent.push(command);
      const answer = answers.shift();
      return answer ? answer(command) : {};
    },
  };
}

const notFound = () => {
  throw new ResourceNotFoundException({
    message: 'no such schedule',
    $metadata: {},
    Message: 'no such schedule',
  });
};
const conflict = () => {
  throw new ConflictException({ message: 'exists', $metadata: {}, Message: 'exists' });
};

describe('toEventBridgeExpression', () => {
  it('adds the year, a "?" day field and names the days of the week', () => {
    expect(toEventBridgeExpression('0 2 * * *')).toBe('cron(0 2 * * ? *)');
    expect(toEventBridgeExpression('*/15 8-18 * * 1-5')).toBe('cron(*/15 8-18 ? * MON,TUE,WED,THU,FRI *)');
    expect(toEventBridgeExpression('30 1 1 * *')).toBe('cron(30 1 1 * ? *)');
    expect(toEventBridgeExpression('0 0 * * 0,7')).toBe('cron(0 0 ? * SUN *)');
    expect(toEventBridgeExpression('cron(0 2 ? * MON *)')).toBe('cron(0 2 ? * MON *)');
  });

  it('refuses what EventBridge cannot say, and bad cron', () => {
    expect(() => toEventBridgeExpression('0 2 1 * 1')).toThrow(/cannot restrict both/);
    expect(() => toEventBridgeExpression('0 25 * * *')).toThrow(/hour 25 is outside/);
  });

  it('writes one-time schedules as at() in UTC seconds', () => {
    expect(atExpression(Date.UTC(2026, 10, 22, 3, 4, 5, 200))).toBe('at(2026-11-22T03:04:06)');
  });
});

describe('EventBridgeScheduleTrigger', () => {
  it('upsert updates, and creates when the entry does not exist yet; input is a fire event for the scheduler', async () => {
    const client = fakeClient([notFound]);
    const trigger = new EventBridgeScheduleTrigger(CONFIG, client);

    await trigger.upsert(aSavedSchedule({ cron: '0 2 * * *' }));

    expect(client.sent.map((c) => c?.constructor)).toEqual([UpdateScheduleCommand, CreateScheduleCommand]);
    const input = (client.sent[1] as CreateScheduleCommand).input;
    expect(input).toMatchObject({
      Name: recurringName(TENANT, 'sched-nightly'),
      GroupName: 'gong-schedules',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      Target: { Arn: CONFIG.targetArn, RoleArn: CONFIG.roleArn },
    });
    // what EventBridge delivers (placeholder filled with the scheduled time) parses as a fire event
    const delivered = (input.Target?.Input ?? '').replace(
      '<aws.scheduler.scheduled-time>',
      '2026-11-22T02:00:00Z',
    );
    expect(parseScheduleEvent(delivered)).toEqual({
      type: 'schedule.fire',
      v: 1,
      tenantId: TENANT,
      scheduleId: 'sched-nightly',
      firedAt: Date.UTC(2026, 10, 22, 2),
    });
  });

  it('a disabled schedule stays as a DISABLED entry', async () => {
    const client = fakeClient();
    await new EventBridgeScheduleTrigger(CONFIG, client).upsert(aSavedSchedule({ enabled: false }));
    expect((client.sent[0] as UpdateScheduleCommand).input.State).toBe('DISABLED');
  });

  it('delete ignores a missing entry; other failures are UNAVAILABLE with the cause', async () => {
    const client = fakeClient([notFound, () => Promise.reject(new Error('throttled'))]);
    const trigger = new EventBridgeScheduleTrigger(CONFIG, client);
    await trigger.delete(TENANT, 'gone');
    await expect(trigger.delete(TENANT, 'x')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(client.sent[0]).toBeInstanceOf(DeleteScheduleCommand);
  });

  it('once creates a self-deleting at() entry, named by the event so a repeat is a no-op', async () => {
    const client = fakeClient([undefined as never, conflict].map((f) => f ?? (() => ({}))));
    const trigger = new EventBridgeScheduleTrigger(CONFIG, client);
    const event = {
      type: 'schedule.retry' as const,
      v: 1 as const,
      tenantId: TENANT,
      scheduleId: 's1',
      attempt: 1,
    };

    await trigger.once(event, Date.UTC(2026, 10, 22, 2, 10));
    await trigger.once(event, Date.UTC(2026, 10, 22, 2, 10));

    const [a, b] = client.sent as CreateScheduleCommand[];
    expect(a?.input).toMatchObject({
      ScheduleExpression: 'at(2026-11-22T02:10:00)',
      ActionAfterCompletion: 'DELETE',
      Target: { Input: JSON.stringify(event) },
    });
    expect(b?.input.Name).toBe(a?.input.Name);
  });
});
