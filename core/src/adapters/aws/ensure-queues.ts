import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { DomainError } from '../../domain/errors';
import { allQueues, physicalName, type QueueDef } from '../../infra/resources';
import { type AwsConfig, sqsClient } from './clients';
import { sqsFailure } from './sqs-errors';

/**
 * Creates every queue of core/src/infra/resources.ts for `slotCount` worker slots (results + DLQ, one
 * command queue + DLQ per slot) and (re)applies their attributes and redrive policies. Idempotent.
 * Returns logical name → queue URL.
 */
export function ensureQueues(config: AwsConfig, slotCount: number): Promise<Map<string, string>> {
  return ensureQueueDefs(config, allQueues(slotCount));
}

/** Same for an explicit list; a dead-letter queue must come before the queues that redrive to it. */
export async function ensureQueueDefs(
  config: AwsConfig,
  defs: readonly QueueDef[],
  shared?: SQSClient,
): Promise<Map<string, string>> {
  const client = shared ?? sqsClient(config);
  try {
    return await createAll(config, defs, client);
  } finally {
    if (!shared) client.destroy();
  }
}

async function createAll(
  config: AwsConfig,
  defs: readonly QueueDef[],
  client: SQSClient,
): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  const arns = new Map<string, string>();
  for (const def of defs) {
    const name = physicalName(config.prefix, def.name);
    if (def.fifo !== name.endsWith('.fifo')) {
      throw new DomainError(
        'VALIDATION',
        `queue ${def.name}: FIFO queue names (and only they) end in ".fifo"`,
      );
    }
    try {
      const created = await client.send(
        new CreateQueueCommand({
          QueueName: name,
          ...(def.fifo ? { Attributes: { FifoQueue: 'true' } } : {}),
        }),
      );
      const url = created.QueueUrl;
      if (!url) throw new DomainError('UNAVAILABLE', `SQS returned no URL for queue ${name}`);
      const attributes: Record<string, string> = {
        VisibilityTimeout: String(def.visibilityTimeoutSec),
        ReceiveMessageWaitTimeSeconds: String(def.receiveWaitSec),
        MessageRetentionPeriod: String(def.retentionSec),
      };
      if (def.deadLetter) {
        const dlqArn = arns.get(def.deadLetter.name);
        if (!dlqArn) {
          throw new DomainError(
            'VALIDATION',
            `queue ${def.name} redrives to ${def.deadLetter.name}, which must be listed before it`,
          );
        }
        attributes.RedrivePolicy = JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: def.deadLetter.maxReceiveCount,
        });
      }
      await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
      const described = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      const arn = described.Attributes?.QueueArn;
      if (!arn) throw new DomainError('UNAVAILABLE', `SQS returned no ARN for queue ${name}`);
      urls.set(def.name, url);
      arns.set(def.name, arn);
    } catch (error) {
      throw sqsFailure(`setup of queue ${name}`, error);
    }
  }
  return urls;
}
