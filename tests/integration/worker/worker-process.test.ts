import { dynamoClient, tableName } from '@gong/core/adapters/aws/clients';
import { ensureQueues } from '@gong/core/adapters/aws/ensure-queues';
import { ensureTables } from '@gong/core/adapters/aws/ensure-tables';
import { DynamoWorkerStatusStore } from '@gong/core/adapters/aws/worker-status-store';
import type { ExchangeRecord } from '@gong/core/domain/exchange';
import { CONFIG_TABLE } from '@gong/core/infra/resources';
import type { FleetCommand, HostedOperator } from '@gong/core/messages/fleet-command';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import { connectSmpp } from '@gong/smpp-fleet/smpp/client';
import { testAwsConfig } from '@gong/tests/support/aws-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EchoGateway, echoGateway } from './echo-gateway';
import { startWorkerProcess, until, type WorkerProcess } from './worker-process';

const aws = testAwsConfig('worker');

const op = (id: string, systemId: string, password: string): HostedOperator => ({
  tenantId: 't1',
  operatorId: id,
  connectionId: 'c1',
  name: id,
  bindSystemId: systemId,
  bindPassword: password,
  shortCode: '1234',
  numberRanges: [{ prefix: '4072', from: 0, to: 9999, width: 6 }],
  receipts: { delayMs: 0, statusMix: { DELIVRD: 1 } },
});

const plan = (runId: string, perSecond: number[], numbers: number): FleetCommand => ({
  type: 'run.prepare',
  v: 1,
  tenantId: 't1',
  runId,
  mode: 'operator',
  startAt: Date.now() + 500,
  durationSec: perSecond.length,
  sequences: [
    [
      {
        id: 'st',
        message: { text: 'ECHO pong', encoding: 'auto', segmentation: 'udh8' },
        expect: { kind: 'exact', text: 'pong' },
        timeoutMs: 2000,
        thinkMs: 0,
      },
    ],
  ],
  sequenceIds: [],
  operators: [
    {
      operatorId: 'opA',
      perSecond,
      numbers: Array.from({ length: numbers }, (_, i) => `4072${String(i).padStart(6, '0')}`),
    },
  ],
  encoding: 'auto',
  window: 500,
});

const recordsOf = (events: WorkerEvent[], runId: string): ExchangeRecord[] =>
  events.flatMap((e) =>
    e.type === 'results.batch'
      ? e.records.filter((r) => r.scope.kind === 'run' && r.scope.runId === runId)
      : [],
  );

beforeAll(async () => {
  await ensureTables(aws, { tables: [CONFIG_TABLE] });
  await ensureQueues(aws, 1);
});

describe('gong worker process (fauxqs + DynamoDB Local + real SMPP)', () => {
  let worker: WorkerProcess | undefined;
  const gateways: EchoGateway[] = [];

  afterAll(async () => {
    for (const g of gateways) await g.close().catch(() => undefined);
    await worker?.stop('SIGKILL');
  });

  it('hosts operators from commands, rejects a wrong password, publishes binds to DynamoDB', async () => {
    worker = await startWorkerProcess(aws);
    const w = worker;
    await w.command({
      type: 'operators.sync',
      v: 1,
      operators: [op('opA', 'alpha', 'pwA'), op('opB', 'beta', 'pwB')],
    });
    const gw = await until(() =>
      echoGateway({ port: w.port, systemId: 'alpha', password: 'pwA' }).catch(() => undefined),
    );
    gateways.push(gw);
    const intruder = await connectSmpp({ host: '127.0.0.1', port: w.port });
    expect(
      (await intruder.bind({ mode: 'transceiver', systemId: 'beta', password: 'bad' })).commandStatus,
    ).toBe(0x0e);
    expect((await intruder.bind({ mode: 'receiver', systemId: 'nobody', password: 'x' })).commandStatus).toBe(
      0x0f,
    );
    intruder.destroy();
    expect(w.stderr.some((l) => l.includes('bind rejected: wrong password'))).toBe(true);
    const store = new DynamoWorkerStatusStore(dynamoClient(aws), tableName(aws, CONFIG_TABLE.name));
    const status = await until(async () => {
      const s = await store.get(0, Date.now());
      return s?.binds.some((b) => b.operatorId === 'opA') ? s : undefined;
    });
    expect(status.port).toBe(w.port);
    expect(status.binds.map((b) => [b.operatorId, b.systemId, b.bindType])).toEqual([
      ['opA', 'alpha', 'transceiver'],
    ]);
    // a bad command is logged and skipped; the worker keeps serving
    await w.queue.send('fleet-slot-0', ['{"type":"run.prepare","v":1}', 'not json']);
    await w.command(plan('r-ok', [50], 5));
    const events = await until(async () => {
      const got = await w.drain(1);
      return got.some((e) => e.type === 'run.done') ? got : undefined;
    });
    expect(recordsOf(events, 'r-ok').filter((r) => r.verdict === 'valid')).toHaveLength(50);
    expect(w.stderr.filter((l) => l.includes('bad command ignored'))).toHaveLength(2);
  });

  it('survives a gateway reconnect mid-run and counts it', async () => {
    const w = worker as WorkerProcess;
    const first = gateways.pop() as EchoGateway;
    await w.command(plan('r-reconnect', [100, 100, 100], 20));
    await new Promise((r) => setTimeout(r, 1300));
    first.session.destroy();
    await new Promise((r) => setTimeout(r, 300));
    gateways.push(await echoGateway({ port: w.port, systemId: 'alpha', password: 'pwA' }));
    const events: WorkerEvent[] = [];
    const done = await until(async () => {
      events.push(...(await w.drain(1)));
      return events.find((e) => e.type === 'run.done' && e.runId === 'r-reconnect');
    }, 30_000);
    expect(done.type === 'run.done' && done.reconnects).toBe(1);
    const records = recordsOf(events, 'r-reconnect');
    expect(records).toHaveLength(300);
    expect(records.filter((r) => r.verdict === 'valid').length).toBeGreaterThan(200);
  });

  it('on SIGTERM stops sending, flushes every answered record and exits 0', async () => {
    const w = worker as WorkerProcess;
    const gw = gateways[gateways.length - 1] as EchoGateway;
    let acked = 0;
    let counting = true;
    gw.session.on('pdu', () => {});
    const origRequest = gw.session.requestCb.bind(gw.session);
    gw.session.requestCb = (pdu, cb, t) =>
      origRequest(
        pdu,
        (err, resp) => {
          if (counting && err === null && resp?.commandStatus === 0) acked++;
          cb(err, resp);
        },
        t,
      );
    await w.command(plan('r-term', Array(20).fill(400), 200));
    await new Promise((r) => setTimeout(r, 2500));
    const code = await w.stop('SIGTERM');
    counting = false;
    expect(code).toBe(0);
    const events = await w.drain(1);
    const records = recordsOf(events, 'r-term');
    const valid = records.filter((r) => r.verdict === 'valid').length;
    expect(acked).toBeGreaterThan(300);
    expect(valid).toBeGreaterThanOrEqual(acked);
    const done = events.find((e) => e.type === 'run.done' && e.runId === 'r-term');
    expect(done?.type === 'run.done' && done.sent).toBe(records.length);
    expect(records.length).toBeLessThan(8000);
  });
});
