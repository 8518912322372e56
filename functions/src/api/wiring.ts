import { randomInt } from 'node:crypto';
import { type AwsConfig, awsConfigFromEnv, dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { DynamoWorkerStatusStore } from '@gong/core/adapters/aws/worker-status-store';
import { dynamoRepositories } from '@gong/core/app/repositories';
import { CONFIG_TABLE, METRICS_TABLE } from '@gong/core/infra/resources';
import { systemClock } from '@gong/core/ports/clock';
import { seededRng } from '@gong/core/rng';
import { cognitoTokens } from '../auth/cognito-tokens';
import { localTokens } from '../auth/local-tokens';
import { DEFAULT_LOGIN_POLICY } from '../auth/login';
import { type Env, env } from '../env';
import { schedulerEnv } from '../scheduler/env';
import { triggerFromEnv } from '../scheduler/trigger-from-env';
import { type ApiDeps, DEFAULT_API_CONFIG } from './deps';

export function awsConfigFrom(e: Env): AwsConfig {
  return awsConfigFromEnv(e);
}

function tokensFrom(e: Env): ApiDeps['tokens'] {
  if (e.GONG_AUTH_MODE === 'cognito') {
    if (!e.COGNITO_USER_POOL_ID || !e.COGNITO_CLIENT_ID) {
      throw new Error('GONG_AUTH_MODE=cognito needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID');
    }
    return cognitoTokens({ userPoolId: e.COGNITO_USER_POOL_ID, clientId: e.COGNITO_CLIENT_ID });
  }
  if (!e.GONG_JWT_SECRET)
    throw new Error('GONG_AUTH_MODE=local needs GONG_JWT_SECRET (at least 32 characters)');
  const local = localTokens(
    { secret: e.GONG_JWT_SECRET, issuer: e.GONG_JWT_ISSUER, ttlSec: e.GONG_JWT_TTL_SEC },
    systemClock,
  );
  return { verify: local.verify, issuer: local };
}

/** The API's dependencies on DynamoDB and SQS (AWS, LocalStack or the local emulators), from env. */
export function depsFromEnv(e: Env = env): ApiDeps {
  const aws = awsConfigFrom(e);
  const doc = dynamoClient(aws);
  const jira =
    e.GONG_JIRA_BASE_URL && e.GONG_JIRA_PROJECT && e.GONG_JIRA_TOKEN
      ? { baseUrl: e.GONG_JIRA_BASE_URL, projectKey: e.GONG_JIRA_PROJECT, token: e.GONG_JIRA_TOKEN }
      : undefined;
  const scheduleTrigger = triggerFromEnv(schedulerEnv, e.AWS_REGION);
  return {
    repositories: dynamoRepositories(aws),
    queue: new SqsQueue(aws),
    metrics: dynamoMetricsStore(doc, tableName(aws, METRICS_TABLE.name)),
    fleet: new DynamoWorkerStatusStore(doc, tableName(aws, CONFIG_TABLE.name)),
    clock: systemClock,
    rng: seededRng(randomInt(0, 2 ** 31 - 1)),
    tokens: tokensFrom(e),
    ...(scheduleTrigger ? { scheduleTrigger } : {}),
    config: {
      ...DEFAULT_API_CONFIG,
      slotCount: e.GONG_SLOT_COUNT,
      fleetBasePort: e.GONG_FLEET_BASE_PORT,
      login: DEFAULT_LOGIN_POLICY,
      ...(jira ? { jira } : {}),
    },
  };
}

export async function wireFromEnv(): Promise<ApiDeps> {
  return depsFromEnv(env);
}
