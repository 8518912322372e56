import type { AwsConfig } from '@gong/core/adapters/aws/clients';
import { ensureQueues } from '@gong/core/adapters/aws/ensure-queues';
import { ensureTables } from '@gong/core/adapters/aws/ensure-tables';
import { dynamoRepositories } from '@gong/core/app/repositories';
import { hashPassword } from '@gong/functions/auth/password';
import { loadSeeds, type SeedReport } from '@gong/seeds/load';
import type { StackConfig } from './stack-config';

/** Creates missing tables and queues, then loads the demo seeds (all idempotent). */
export async function bootstrapData(
  config: StackConfig,
  endpoints: { dynamodb?: string; sqs?: string },
): Promise<SeedReport> {
  const aws: AwsConfig = {
    region: config.region,
    prefix: config.prefix,
    ...(endpoints.dynamodb ? { dynamodbEndpoint: endpoints.dynamodb } : {}),
    ...(endpoints.sqs ? { sqsEndpoint: endpoints.sqs } : {}),
  };
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  await Promise.all([ensureTables(aws), ensureQueues(aws, config.slotCount)]);
  return loadSeeds(dynamoRepositories(aws), hashPassword, {
    simEsmePort: config.ports.simEsme,
    fleetBasePort: config.ports.fleetBase,
  });
}
