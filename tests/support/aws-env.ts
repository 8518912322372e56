import type { AwsConfig } from '@gong/core/adapters/aws/clients';
import { inject } from 'vitest';

/** AwsConfig for an integration test file: the shared emulators, a prefix of its own. */
export function testAwsConfig(label: string): AwsConfig {
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  return {
    region: 'us-east-1',
    dynamodbEndpoint: inject('dynamoEndpoint'),
    sqsEndpoint: inject('sqsEndpoint'),
    prefix: `${label}-${Math.random().toString(36).slice(2, 8)}`,
  };
}
