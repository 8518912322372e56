import {
  allQueues,
  commandQueue,
  physicalName,
  type QueueDef,
  RESULTS_DLQ,
  RESULTS_QUEUE,
} from '@gong/core/infra/resources';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface GongQueuesProps {
  prefix: string;
  slotCount: number;
}

/**
 * Every queue in core/src/infra/resources.ts: per-slot command queues, the results queue, their
 * dead-letter queues (redrive from the shared definitions), SQS-managed encryption, TLS only, and an
 * alarm on every dead-letter queue's depth published to the `${prefix}-alarms` topic.
 */
export class GongQueues extends Construct {
  readonly resultsQueue: sqs.Queue;
  readonly resultsDlq: sqs.Queue;
  readonly alarmTopic: sns.Topic;
  readonly dlqAlarms: cloudwatch.Alarm[] = [];
  private readonly byName = new Map<string, sqs.Queue>();
  private readonly commandQueues: sqs.Queue[] = [];

  constructor(scope: Construct, id: string, props: GongQueuesProps) {
    super(scope, id);
    this.alarmTopic = new sns.Topic(this, 'Alarms', {
      topicName: physicalName(props.prefix, 'alarms'),
      enforceSSL: true,
    });
    const dlqNames = new Set<string>();
    for (const def of allQueues(props.slotCount)) {
      if (def.deadLetter) dlqNames.add(def.deadLetter.name);
    }
    for (const def of allQueues(props.slotCount)) {
      const queue = this.queueFromDef(props.prefix, def);
      this.byName.set(def.name, queue);
      if (dlqNames.has(def.name)) this.dlqAlarms.push(this.depthAlarm(props.prefix, def, queue));
    }
    this.resultsQueue = this.named(RESULTS_QUEUE.name);
    this.resultsDlq = this.named(RESULTS_DLQ.name);
    for (let slot = 0; slot < props.slotCount; slot++) {
      this.commandQueues.push(this.named(commandQueue(slot).name));
    }
  }

  commandQueue(slot: number): sqs.Queue {
    const queue = this.commandQueues[slot];
    if (!queue) throw new Error(`no command queue for slot ${slot} (slots: ${this.commandQueues.length})`);
    return queue;
  }

  get slotCount(): number {
    return this.commandQueues.length;
  }

  /** API and run control: send fleet commands to any slot. */
  grantSendCommands(grantee: iam.IGrantable): void {
    for (const queue of this.commandQueues) queue.grantSendMessages(grantee);
  }

  /** A fleet worker: receive and delete from its own slot's queue only. */
  grantConsumeCommands(grantee: iam.IGrantable, slot: number): void {
    this.commandQueue(slot).grantConsumeMessages(grantee);
  }

  /** Fleet workers: publish exchange batches, status and run events. */
  grantSendResults(grantee: iam.IGrantable): void {
    this.resultsQueue.grantSendMessages(grantee);
  }

  private named(name: string): sqs.Queue {
    const queue = this.byName.get(name);
    if (!queue) throw new Error(`queue ${name} is not in allQueues()`);
    return queue;
  }

  private queueFromDef(prefix: string, def: QueueDef): sqs.Queue {
    let deadLetterQueue: sqs.DeadLetterQueue | undefined;
    if (def.deadLetter) {
      // allQueues() lists dead-letter queues before the queues that redrive to them
      deadLetterQueue = {
        queue: this.named(def.deadLetter.name),
        maxReceiveCount: def.deadLetter.maxReceiveCount,
      };
    }
    const physical = physicalName(prefix, def.name);
    return new sqs.Queue(this, `Queue-${def.name}`, {
      queueName: def.fifo ? `${physical}.fifo` : physical,
      fifo: def.fifo ? true : undefined,
      visibilityTimeout: Duration.seconds(def.visibilityTimeoutSec),
      receiveMessageWaitTime: Duration.seconds(def.receiveWaitSec),
      retentionPeriod: Duration.seconds(def.retentionSec),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue,
    });
  }

  private depthAlarm(prefix: string, def: QueueDef, queue: sqs.Queue): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, `DepthAlarm-${def.name}`, {
      alarmName: physicalName(prefix, `${def.name}-depth`),
      alarmDescription: `Messages are landing in the dead-letter queue ${physicalName(prefix, def.name)}`,
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    return alarm;
  }
}
