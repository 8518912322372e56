import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { dynamoClient, sqsClient } from '@gong/core/adapters/aws/clients';
import { describe, expect, it } from 'vitest';
import { testAwsConfig } from '../../support/aws-env';

describe('emulators started by the integration setup', () => {
  const config = testAwsConfig('emu');

  it('DynamoDB Local answers', async () => {
    const result = await dynamoClient(config).send(new ListTablesCommand({}));
    expect(Array.isArray(result.TableNames)).toBe(true);
  });

  it('fauxqs round-trips a message', async () => {
    const sqs = sqsClient(config);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${config.prefix}-q` }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'ping' }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
    expect(received.Messages?.[0]?.Body).toBe('ping');
  });
});
