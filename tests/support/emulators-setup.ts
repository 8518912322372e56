import { startDynamoDbLocal } from '@gong/local/cloud/dynamodb-local';
import { freePort } from '@gong/local/cloud/net';
import { startSqsEmulator } from '@gong/local/cloud/sqs-emulator';
import type { TestProject } from 'vitest/node';

/**
 * vitest globalSetup for the integration project: one DynamoDB Local (in memory) and one fauxqs,
 * each on a free 127.0.0.1 port, for the whole run. Test files isolate themselves with their own
 * table/queue prefix. Endpoints reach tests via `inject('dynamoEndpoint')` / `inject('sqsEndpoint')`.
 */
export default async function setup(project: TestProject) {
  const [dynamoPort, sqsPort] = [await freePort(), await freePort()];
  const [dynamo, sqs] = await Promise.all([
    startDynamoDbLocal({ port: dynamoPort }),
    startSqsEmulator({ port: sqsPort }),
  ]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sqsEndpoint', sqs.endpoint);
  return async () => {
    await Promise.all([dynamo.stop(), sqs.stop()]);
  };
}
