import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { ensureQueueDefs } from '@gong/core/adapters/aws/ensure-queues';
import { ensureTables } from '@gong/core/adapters/aws/ensure-tables';
import { dynamoMetricsStore } from '@gong/core/adapters/aws/metrics-store';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { syntheticRecords } from '@gong/core/analysis/synthetic-run';
import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { METRICS_TABLE, type QueueDef } from '@gong/core/infra/resources';
import { encodeBody } from '@gong/core/messages/codec';
import { systemClock } from '@gong/core/ports/clock';
import { createAnalyzerHandler } from '@gong/functions/analyzer/handler';
import { summarizeRun } from '@gong/functions/results/summarize-run';
import { beforeAll, describe, expect, it } from 'vitest';
import { testAwsConfig } from '../../support/aws-env';

// a results queue that gives up quickly: visible again after 1 s, dead-lettered after 2 receives
const DLQ: QueueDef = {
  name: 'res-dlq',
  fifo: false,
  visibilityTimeoutSec: 30,
  receiveWaitSec: 0,
  retentionSec: 3600,
};
const QUEUE: QueueDef = {
  name: 'res',
  fifo: false,
  visibilityTimeoutSec: 1,
  receiveWaitSec: 1,
  retentionSec: 3600,
  deadLetter: { name: DLQ.name, maxReceiveCount: 2 },
};

const config = testAwsConfig('analyzer');
const queue = new SqsQueue(config);
const metrics = dynamoMetricsStore(dynamoClient(config), tableName(config, METRICS_TABLE.name));
const logs: Record<string, unknown>[] = [];
const handler = createAnalyzerHandler({ metrics, log: (e) => logs.push(e), maxReceiveCount: 2 });

/** The local cloud's poller in miniature: receive, invoke, ack what succeeded, leave failures to SQS. */
async function pollUntilIdle(idleRounds = 4) {
  let idle = 0;
  while (idle < idleRounds) {
    const messages = await queue.receive(QUEUE.name, { max: 10, waitSeconds: 1 });
    if (messages.length === 0) {
      idle++;
      continue;
    }
    idle = 0;
    const result = await handler({
      Records: messages.map((m) => ({
        messageId: m.id,
        receiptHandle: m.receipt,
        body: m.body,
        attributes: { ApproximateReceiveCount: String(m.receiveCount) },
      })),
    });
    const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
    await queue.ack(
      QUEUE.name,
      messages.filter((m) => !failed.has(m.id)).map((m) => m.receipt),
    );
  }
}

describe('analyzer on SQS (fauxqs) and DynamoDB Local', () => {
  beforeAll(async () => {
    await ensureTables(config, { tables: [METRICS_TABLE] });
    await ensureQueueDefs(config, [DLQ, QUEUE]);
  });

  it('applies every batch once although each is sent twice, and dead-letters poison with its reason logged', async () => {
    const records = [
      ...syntheticRecords({
        tenantId: 'tenant-a',
        runId: 'run-q',
        startMs: Date.UTC(2026, 0, 1),
        durationSec: 60,
        operators: 2,
        numbers: 50,
        records: 4000,
        seed: 3,
      }),
    ] as ExchangeRecord[];
    const bodies: string[] = [];
    for (let i = 0; i < records.length; i += 500) {
      bodies.push(
        encodeBody({
          type: 'results.batch',
          v: 1,
          batchId: `q-${i}`,
          workerId: 'w',
          tenantId: 'tenant-a',
          records: records.slice(i, i + 500),
          buckets: [],
        }),
      );
    }
    const poison = '{"type":"results.batch","v":1}';
    await queue.send(QUEUE.name, [...bodies, poison, ...[...bodies].reverse()]);

    await pollUntilIdle();

    const summary = await summarizeRun({ metrics, clock: systemClock }, 'tenant-a', 'run-q', {
      store: false,
    });
    expect(summary.totals.sent).toBe(4000);
    expect(summary.numberCount).toBe(50);
    expect((await metrics.runBatches('tenant-a', 'run-q')).batches).toBe(8);

    const dead = await queue.receive(DLQ.name, { max: 10, waitSeconds: 1 });
    expect(dead.map((m) => m.body)).toEqual([poison]);
    const poisonLogs = logs.filter((l) => String(l.msg).startsWith('poison'));
    expect(poisonLogs).toHaveLength(2); // first receive, and the last one before the DLQ
    expect(String(poisonLogs[0]?.reason)).toMatch(/batchId|records/);
  });
});
