import { physicalName } from '@gong/core/infra/resources';
import { ScheduleEvent } from '@gong/core/messages/schedule-event';
import { Aws, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';

export interface GongSchedulesProps {
  prefix: string;
  /** the function every schedule invokes with a ScheduleEvent payload */
  target: lambda.IFunction;
  removalPolicy: RemovalPolicy;
}

export interface StaticScheduleProps {
  /** EventBridge Scheduler expression, e.g. `cron(0 2 * * ? *)` */
  expression: scheduler.ScheduleExpression;
  /** typed with the same zod union the scheduler function parses: a wrong payload fails to compile */
  event: ScheduleEvent;
  description?: string;
}

/**
 * EventBridge Scheduler for saved regression runs. The API creates and deletes schedules at runtime
 * inside this group, passing `role` (which may only invoke the scheduler function); `addSchedule`
 * exists for schedules owned by the deployment itself.
 */
export class GongSchedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly role: iam.Role;
  private readonly target: lambda.IFunction;

  constructor(scope: Construct, id: string, props: GongSchedulesProps) {
    super(scope, id);
    this.target = props.target;
    this.group = new scheduler.ScheduleGroup(this, 'Group', {
      scheduleGroupName: physicalName(props.prefix, 'schedules'),
      removalPolicy: props.removalPolicy,
    });
    this.role = new iam.Role(this, 'InvokeRole', {
      description: 'EventBridge Scheduler: invoke the Gong scheduler (and run control), nothing else',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          // Scheduler names the schedule group as the source of the call
          ArnEquals: { 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
    });
    props.target.grantInvoke(this.role);
  }

  /** ARN pattern of every schedule in this group. */
  schedulesArn(): string {
    return `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${this.group.scheduleGroupName}/*`;
  }

  /** Lets schedules in this group also target `fn` (run control's `runs.tick`). */
  allowTarget(fn: lambda.IFunction): void {
    fn.grantInvoke(this.role);
  }

  /** The API (and the scheduler's own busy-retry): create, read, update, delete schedules in this group only. */
  grantManageSchedules(grantee: iam.IGrantable): void {
    this.group.grantReadSchedules(grantee);
    this.group.grantWriteSchedules(grantee);
    this.group.grantDeleteSchedules(grantee);
    this.role.grantPassRole(grantee.grantPrincipal);
  }

  addSchedule(id: string, props: StaticScheduleProps): scheduler.CfnSchedule {
    const schedule = new scheduler.CfnSchedule(this, id, {
      groupName: this.group.scheduleGroupName,
      description: props.description,
      scheduleExpression: props.expression.expressionString,
      scheduleExpressionTimezone: props.expression.timeZone?.timezoneName,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.target.functionArn,
        roleArn: this.role.roleArn,
        input: scheduleInput(props.event),
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      },
    });
    // the group is named, not referenced: make CloudFormation create it first
    schedule.node.addDependency(this.group);
    return schedule;
  }
}

/** The `Input` of a schedule target: the event validated by the shared union, as JSON. */
export function scheduleInput(event: ScheduleEvent): string {
  return JSON.stringify(ScheduleEvent.parse(event));
}
