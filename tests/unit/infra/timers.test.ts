import { RunControlEvent, type RunControlEventInput } from '@gong/core/messages/run-control-event';
import { HEALTH_REFRESH_EVENT, OPERATORS_SYNC_EVENT, RUNS_TICK_EVENT } from '@gong/infra/constructs/timers';
import { ENV } from '@gong/infra/runtime-env';
import { Duration } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import { aGongStack } from './gong-stack-builder';
import { logicalIdOf, resourcesOfType } from './template-queries';

describe('timers: EventBridge rules drive run control', () => {
  let template: Template;
  let runControl: string;
  beforeAll(() => {
    template = aGongStack().template;
    runControl = logicalIdOf(template, 'AWS::Lambda::Function', '"FunctionName":"gong-run-control"');
  }, 120_000);

  it.each([
    ['gong-runs-tick', 'rate(1 minute)', RUNS_TICK_EVENT],
    ['gong-operators-sync', 'rate(1 minute)', OPERATORS_SYNC_EVENT],
    ['gong-health-refresh', 'rate(5 minutes)', HEALTH_REFRESH_EVENT],
  ] as const)('%s: %s invokes run control with its typed event, no retries', (name, rate, event) => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: name,
      ScheduleExpression: rate,
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [runControl, 'Arn'] },
          Input: JSON.stringify(RunControlEvent.parse(event)),
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        }),
      ],
    });
  });

  it('the run tick finishes within a minute (no overlap with the next) and inside the function timeout', () => {
    const tick = RunControlEvent.parse(RUNS_TICK_EVENT);
    expect(tick.type).toBe('runs.tick-all');
    if (tick.type !== 'runs.tick-all') return;
    expect(tick.budgetMs + tick.intervalMs).toBeLessThanOrEqual(55_000);
    // the stress lock lives 60 s: ticks every intervalMs renew it well before it lapses
    expect(tick.intervalMs).toBeLessThan(30_000);
  });

  it('each rule may invoke only run control, and only from its own ARN', () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule').map(([id]) => id);
    expect(rules).toHaveLength(3);
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission')
      .map(([, p]) => p.Properties as Record<string, unknown>)
      .filter((p) => p.Principal === 'events.amazonaws.com');
    expect(permissions).toHaveLength(3);
    for (const p of permissions) {
      expect(p.Action).toBe('lambda:InvokeFunction');
      expect(p.FunctionName).toEqual({ 'Fn::GetAtt': [runControl, 'Arn'] });
      const source = (p.SourceArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(rules).toContain(source);
    }
  });

  it('run control gets what the timers need: the fleet to scale, its baseline, the pool ids for housekeeping', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'gong-run-control',
      Environment: {
        Variables: Match.objectLike({
          [ENV.ecsCluster]: 'gong-fleet',
          // service names in slot order, comma separated
          [ENV.fleetServices]: {
            'Fn::Join': [
              '',
              [
                { 'Fn::GetAtt': [Match.stringLikeRegexp('^FleetSlot0Service'), 'Name'] },
                ',',
                { 'Fn::GetAtt': [Match.stringLikeRegexp('^FleetSlot1Service'), 'Name'] },
              ],
            ],
          },
          [ENV.fleetBaseline]: '1',
          [ENV.userPoolId]: Match.anyValue(),
          [ENV.clientId]: Match.anyValue(),
        }),
      },
    });
  });

  it('the fleet baseline comes from context', () => {
    const { template: zero } = aGongStack({ config: { fleetBaseline: 0 } });
    zero.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'gong-run-control',
      Environment: { Variables: Match.objectLike({ [ENV.fleetBaseline]: '0' }) },
    });
  }, 120_000);

  it('a timer payload is checked by the shared union: compile time, and again at synth', () => {
    const { stack } = aGongStack();
    // @ts-expect-error a payload outside the RunControlEvent union does not compile
    const wrong: RunControlEventInput = { type: 'runs.tick-everything', v: 1 };
    expect(() =>
      stack.timers.addTimer('Wrong', 'wrong', {
        schedule: Schedule.rate(Duration.minutes(1)),
        event: wrong,
        description: 'never',
      }),
    ).toThrow();
    expect(() =>
      stack.timers.addTimer('Empty', 'empty', {
        schedule: Schedule.rate(Duration.minutes(1)),
        event: { type: 'housekeeping', v: 1, tasks: [] },
        description: 'never',
      }),
    ).toThrow();
  }, 120_000);
});
