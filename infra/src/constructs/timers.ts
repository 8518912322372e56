import { physicalName } from '@gong/core/infra/resources';
import { RunControlEvent, type RunControlEventInput } from '@gong/core/messages/run-control-event';
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** run control ticks every tenant's live runs every 5 s for 45 s of each minute (no overlap with the next) */
export const RUNS_TICK_EVENT = {
  type: 'runs.tick-all',
  v: 1,
  intervalMs: 5_000,
  budgetMs: 45_000,
} satisfies RunControlEventInput;

/** a worker the fleet restarted (or scaled up) learns its operators within a minute */
export const OPERATORS_SYNC_EVENT = {
  type: 'housekeeping',
  v: 1,
  tasks: ['operators.sync'],
} satisfies RunControlEventInput;

/** connection health for the dashboard (probes every gateway of every tenant) */
export const HEALTH_REFRESH_EVENT = {
  type: 'housekeeping',
  v: 1,
  tasks: ['health.refresh'],
} satisfies RunControlEventInput;

export interface GongTimersProps {
  prefix: string;
  /** the run-control function every rule invokes */
  runControl: lambda.IFunction;
}

export interface TimerProps {
  schedule: events.Schedule;
  /** typed with the union run control parses (core/src/messages/run-control-event.ts); parsed again at synth */
  event: RunControlEventInput;
  description: string;
}

/**
 * The deployment's clock (the local cloud's timers in lambdas-main.ts): EventBridge rate rules that
 * invoke run control. Each rule may invoke run control only (a resource policy per rule ARN).
 */
export class GongTimers extends Construct {
  readonly runsTick: events.Rule;
  readonly operatorsSync: events.Rule;
  readonly healthRefresh: events.Rule;
  private readonly props: GongTimersProps;

  constructor(scope: Construct, id: string, props: GongTimersProps) {
    super(scope, id);
    this.props = props;
    this.runsTick = this.addTimer('RunsTick', 'runs-tick', {
      schedule: events.Schedule.rate(Duration.minutes(1)),
      event: RUNS_TICK_EVENT,
      description: 'Advance every live stress run with time; scale the fleet to the live runs',
    });
    this.operatorsSync = this.addTimer('OperatorsSync', 'operators-sync', {
      schedule: events.Schedule.rate(Duration.minutes(1)),
      event: OPERATORS_SYNC_EVENT,
      description: 'operators.sync to every worker slot (restarted workers learn their operators)',
    });
    this.healthRefresh = this.addTimer('HealthRefresh', 'health-refresh', {
      schedule: events.Schedule.rate(Duration.minutes(5)),
      event: HEALTH_REFRESH_EVENT,
      description: 'Probe every connection and store its health for the dashboard',
    });
  }

  addTimer(id: string, logical: string, timer: TimerProps): events.Rule {
    const rule = new events.Rule(this, id, {
      ruleName: physicalName(this.props.prefix, logical),
      description: timer.description,
      schedule: timer.schedule,
    });
    rule.addTarget(
      new targets.LambdaFunction(this.props.runControl, {
        event: events.RuleTargetInput.fromObject(RunControlEvent.parse(timer.event)),
        // the next tick is the retry: a late tick must not overlap the next one
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
      }),
    );
    return rule;
  }
}
