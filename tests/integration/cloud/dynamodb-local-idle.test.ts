import { readdirSync, readFileSync } from 'node:fs';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { dynamoClient } from '@gong/core/adapters/aws/clients';
import { startDynamoDbLocal } from '@gong/local/cloud/dynamodb-local';
import { freePort } from '@gong/local/cloud/net';
import { describe, expect, it } from 'vitest';
import { testAwsConfig } from '../../support/aws-env';

const SCHED_IDLE = 5;

/** Each thread's scheduling policy, from field 41 of /proc/<pid>/task/<tid>/stat (after the comm). */
function threadPolicies(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(afterComm[41 - 3]);
  });
}

describe('DynamoDB Local at idle priority (benchmarks run it beside what they time)', () => {
  it('runs every JVM thread under SCHED_IDLE and still answers', async () => {
    const dynamo = await startDynamoDbLocal({ port: await freePort(), idle: true });
    try {
      const pid = dynamo.process.pid as number;
      expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('java');
      const policies = threadPolicies(pid);
      expect(policies.length).toBeGreaterThan(10);
      expect(new Set(policies)).toEqual(new Set([SCHED_IDLE]));
      const config = { ...testAwsConfig('idle'), dynamodbEndpoint: dynamo.endpoint };
      const tables = await dynamoClient(config).send(new ListTablesCommand({}));
      expect(Array.isArray(tables.TableNames)).toBe(true);
    } finally {
      await dynamo.stop();
    }
  }, 90_000);
});
