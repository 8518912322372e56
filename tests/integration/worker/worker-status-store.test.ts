import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { ensureTables } from '@gong/core/adapters/aws/ensure-tables';
import { DynamoWorkerStatusStore } from '@gong/core/adapters/aws/worker-status-store';
import { MemoryWorkerStatusStore } from '@gong/core/adapters/memory/worker-status-store';
import { CONFIG_TABLE } from '@gong/core/infra/resources';
import type { WorkerStatus } from '@gong/core/messages/worker-event';
import type { WorkerStatusStore } from '@gong/core/ports/worker-status';
import { testAwsConfig } from '@gong/tests/support/aws-env';
import { beforeAll, describe, expect, it } from 'vitest';

const aStatus = (slot: number, at: number, over: Partial<WorkerStatus> = {}): WorkerStatus => ({
  type: 'worker.status',
  v: 1,
  workerId: `w${slot}`,
  slot,
  at,
  startedAt: at - 1000,
  port: 2780 + slot,
  binds: [
    {
      tenantId: 't1',
      operatorId: 'op1',
      systemId: 'alpha',
      bindType: 'transceiver',
      peer: '10.0.0.1:5000',
      since: at - 500,
    },
  ],
  queueLagMs: 12,
  sentPerSec: 100,
  answeredPerSec: 99,
  activeRuns: ['r1'],
  activeSessions: 2,
  ...over,
});

/** The contract both the in-memory twin and the DynamoDB adapter pass. */
function contract(name: string, make: () => Promise<WorkerStatusStore>) {
  describe(`WorkerStatusStore: ${name}`, () => {
    let store: WorkerStatusStore;
    beforeAll(async () => {
      store = await make();
    });

    it('keeps one record per slot, the latest put winning', async () => {
      await store.put(aStatus(1, 10_000), 15);
      await store.put(aStatus(1, 11_000, { sentPerSec: 5 }), 15);
      await store.put(aStatus(0, 11_000), 15);
      expect((await store.get(1, 12_000))?.sentPerSec).toBe(5);
      expect((await store.list(12_000)).map((s) => s.slot)).toEqual([0, 1]);
      expect((await store.get(0, 12_000))?.binds[0]?.systemId).toBe('alpha');
    });

    it('reads an expired record as absent', async () => {
      await store.put(aStatus(7, 20_000), 5);
      expect(await store.get(7, 24_999)).toBeDefined();
      expect(await store.get(7, 25_000)).toBeUndefined();
      expect((await store.list(25_000)).some((s) => s.slot === 7)).toBe(false);
    });

    it('refuses a status that does not match the schema', async () => {
      await expect(store.put({ ...aStatus(2, 1), slot: 1.5 } as WorkerStatus, 10)).rejects.toThrow();
    });
  });
}

contract('memory', async () => new MemoryWorkerStatusStore());
contract('dynamodb', async () => {
  const aws = testAwsConfig('wstatus');
  await ensureTables(aws, { tables: [CONFIG_TABLE] });
  return new DynamoWorkerStatusStore(dynamoClient(aws), tableName(aws, CONFIG_TABLE.name));
});
