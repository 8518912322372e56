/**
 * `npm run bench:analyzer`: 1,000,000 exchange records (10 minutes of run time, 5 operators, 5,000
 * numbers) through the real analyzer handler — SQS event shape, 10 messages of 1,000 records each per
 * invocation, gzip bodies — into DynamoDB Local started here (in memory, free port).
 * Counts every write request the DynamoDB adapter sends. Last line:
 * RESULT {"recordsPerSec":…, "ddbWritesPer1kRecords":…}
 * Knobs: BENCH_RECORDS, BENCH_BATCH (records per message), BENCH_EVENT (messages per invocation).
 */
import { syntheticRecords } from '@gong/core/analysis/synthetic-run';
import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { encodeBody } from '@gong/core/messages/codec';
import { packRecords } from '@gong/core/messages/packed-records';
import { startDynamoDbLocal } from '@gong/local/cloud/dynamodb-local';
import { freePort } from '@gong/local/cloud/net';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const EVENT = Number(process.env.BENCH_EVENT ?? 10);
const TENANT = 'bench-tenant';
const RUN = 'bench-run';

async function main() {
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  try {
    // the handler wires itself from the environment, as on Lambda
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    process.env.GONG_PREFIX = `bench${Date.now().toString(36)}`;
    const { ensureTables } = await import('@gong/core/adapters/aws/ensure-tables');
    const { METRICS_TABLE } = await import('@gong/core/infra/resources');
    const { handler, handlerDeps } = await import('../src/analyzer/handler');
    const { summarizeRun } = await import('../src/results/summarize-run');
    const { systemClock } = await import('@gong/core/ports/clock');
    const config = {
      region: 'us-east-1',
      prefix: process.env.GONG_PREFIX,
      dynamodbEndpoint: dynamo.endpoint,
    };
    await ensureTables(config, { tables: [METRICS_TABLE] });

    // producer side (not timed): what the workers would have put on the queue (records packed in columns)
    const t0 = performance.now();
    const bodies: string[] = [];
    let batch: ExchangeRecord[] = [];
    const flush = () => {
      bodies.push(
        encodeBody({
          type: 'results.batch',
          v: 1,
          batchId: `b${bodies.length}`,
          workerId: 'w0',
          tenantId: TENANT,
          packed: packRecords(batch),
          buckets: [],
        }),
      );
      batch = [];
    };
    const source = syntheticRecords({
      tenantId: TENANT,
      runId: RUN,
      startMs: Date.UTC(2026, 0, 1),
      durationSec: 600,
      operators: 5,
      numbers: 5000,
      records: RECORDS,
      seed: 42,
    });
    for (const r of source) {
      batch.push(r);
      if (batch.length === BATCH) flush();
    }
    if (batch.length > 0) flush();
    const bytes = bodies.reduce((s, b) => s + b.length, 0);
    console.log(
      `prepared ${RECORDS} records in ${bodies.length} messages (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // consumer side (timed): the real handler, one SQS event after the other, like one Lambda instance
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let failures = 0;
    for (let i = 0; i < bodies.length; i += EVENT) {
      const res = await handler({
        Records: bodies.slice(i, i + EVENT).map((body, k) => ({
          messageId: `m${i + k}`,
          body,
          attributes: { ApproximateReceiveCount: '1' },
        })),
      });
      failures += res.batchItemFailures.length;
      if ((i / EVENT) % 20 === 0) {
        const s = (performance.now() - start) / 1000;
        console.log(`  ${Math.min(RECORDS, (i + EVENT) * BATCH)} records, ${s.toFixed(1)} s`);
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    console.log(
      `analyzer process CPU: ${cpuSec.toFixed(1)} s for ${RECORDS} records (${((cpuSec / RECORDS) * 1e6).toFixed(1)} µs/record; ` +
        `the rest of the wall time is waiting on DynamoDB Local)`,
    );
    const counters = handlerDeps().metrics.counters();
    if (failures > 0) throw new Error(`${failures} messages failed`);

    // redelivery of every message: must write nothing
    const before = handlerDeps().metrics.counters();
    await handler({ Records: bodies.slice(0, EVENT).map((body, k) => ({ messageId: `again${k}`, body })) });
    const after = handlerDeps().metrics.counters();
    const redelivery = `${after.writeRequests - before.writeRequests} rejected transactions, ${after.itemsWritten - before.itemsWritten} items`;

    const s0 = performance.now();
    const summary = await summarizeRun({ metrics: handlerDeps().metrics, clock: systemClock }, TENANT, RUN);
    const summarizeSec = (performance.now() - s0) / 1000;
    if (summary.totals.sent !== RECORDS)
      throw new Error(`summary counts ${summary.totals.sent} sent, expected ${RECORDS}`);
    console.log(
      `applied ${RECORDS} records in ${seconds.toFixed(1)} s; ${counters.writeRequests} write requests ` +
        `(${counters.itemsWritten} items), ${counters.readRequests} read requests; redelivery of ${EVENT} messages: ${redelivery}; ` +
        `summary of ${summary.durationSec} s, ${summary.numberCount} numbers, p95 ${summary.latency.intended.p95.toFixed(1)} ms in ${summarizeSec.toFixed(1)} s`,
    );
    const result = {
      recordsPerSec: Math.round(RECORDS / seconds),
      ddbWritesPer1kRecords: Math.round((counters.writeRequests / RECORDS) * 1000 * 1000) / 1000,
      recordsPerCpuSec: Math.round(RECORDS / cpuSec),
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
