import type { ScheduleEvent } from '@gong/core/messages/schedule-event';
import { scheduleInput } from '@gong/infra/constructs/schedules';
import { Match } from 'aws-cdk-lib/assertions';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { describe, expect, it } from 'vitest';
import { aGongStack } from './gong-stack-builder';
import { logicalIdOf } from './template-queries';

const nightly: ScheduleEvent = { type: 'schedule.fire', v: 1, tenantId: 'tenant-1', scheduleId: 'nightly' };

describe('schedules', () => {
  it('a deployment-owned schedule invokes the scheduler function with the typed payload, via the Gong role', () => {
    const { template } = aGongStack({
      customize: (stack) =>
        stack.schedules.addSchedule('Nightly', {
          expression: ScheduleExpression.cron({ minute: '0', hour: '2' }),
          event: nightly,
        }),
    });
    const group = logicalIdOf(template, 'AWS::Scheduler::ScheduleGroup', '"Name":"gong-schedules"');
    template.hasResource('AWS::Scheduler::Schedule', { DependsOn: Match.arrayWith([group]) });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      GroupName: 'gong-schedules',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      Target: {
        Arn: {
          'Fn::GetAtt': [
            logicalIdOf(template, 'AWS::Lambda::Function', '"FunctionName":"gong-scheduler"'),
            'Arn',
          ],
        },
        RoleArn: {
          'Fn::GetAtt': [logicalIdOf(template, 'AWS::IAM::Role', 'scheduler.amazonaws.com'), 'Arn'],
        },
        Input: JSON.stringify(nightly),
      },
    });
  }, 120_000);

  it('the payload is checked by the shared union: compile time, and again at synth', () => {
    expect(JSON.parse(scheduleInput(nightly))).toEqual(nightly);
    // @ts-expect-error a payload outside the ScheduleEvent union does not compile
    const wrong: ScheduleEvent = { type: 'schedule.launch', v: 1, tenantId: 't', scheduleId: 's' };
    expect(() => scheduleInput(wrong)).toThrow();
    expect(() => scheduleInput({ ...nightly, tenantId: '' })).toThrow();
  });
});
