import type { ExchangeRecord } from '@gong/core/domain/exchange';
import type { FleetCommand, HostedOperator } from '@gong/core/messages/fleet-command';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import { connectSmpp } from '@gong/smpp-fleet/smpp/client';
import type { Worker } from '@gong/smpp-fleet/worker/worker';
import { afterEach, describe, expect, it } from 'vitest';
import { type EchoGateway, echoGateway } from './echo-gateway';
import { inProcessWorker } from './in-process-worker';

const op = (
  id: string,
  systemId: string,
  password: string,
  over: Partial<HostedOperator> = {},
): HostedOperator => ({
  tenantId: 't1',
  operatorId: id,
  connectionId: 'c1',
  name: id,
  bindSystemId: systemId,
  bindPassword: password,
  shortCode: '1234',
  numberRanges: [{ prefix: '4072', from: 0, to: 99, width: 6 }],
  receipts: { delayMs: 0, statusMix: { DELIVRD: 1 } },
  ...over,
});

let worker: Worker | undefined;
const gateways: EchoGateway[] = [];

afterEach(async () => {
  for (const g of gateways.splice(0)) await g.close();
  await worker?.shutdown();
  worker = undefined;
});

async function startWorker() {
  const h = await inProcessWorker('w-test', { statusIntervalMs: 200, drainTimeoutMs: 2000 });
  worker = h.worker;
  return { ...h, w: h.worker };
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('worker (in process, real SMPP sockets)', () => {
  it('rejects a wrong password and an unknown system_id while other operators keep working', async () => {
    const { port, send, status, log } = await startWorker();
    await send({
      type: 'operators.sync',
      v: 1,
      operators: [op('opA', 'alpha', 'pwA'), op('opB', 'beta', 'pwB')],
    });
    const good = await until(async () =>
      echoGateway({ port, systemId: 'alpha', password: 'pwA' }).catch(() => undefined),
    );
    gateways.push(good);
    const bad = await connectSmpp({ host: '127.0.0.1', port });
    const wrong = await bad.bind({ mode: 'transceiver', systemId: 'beta', password: 'nope' });
    expect(wrong.commandStatus).toBe(0x0e);
    const unknown = await bad.bind({ mode: 'transceiver', systemId: 'gamma', password: 'x' });
    expect(unknown.commandStatus).toBe(0x0f);
    const right = await bad.bind({ mode: 'transceiver', systemId: 'beta', password: 'pwB' });
    expect(right.commandStatus).toBe(0);
    bad.destroy();
    expect(log.lines.some((l) => l.msg === 'bind rejected: wrong password')).toBe(true);
    const s = await until(async () => {
      const st = await status.get(0, Date.now());
      return st?.binds.some((b) => b.operatorId === 'opA') ? st : undefined;
    });
    expect(s.binds.find((b) => b.operatorId === 'opA')?.bindType).toBe('transceiver');
  });

  it('runs an open-loop plan, correlates echo replies and streams records with buckets', async () => {
    const { port, send, events } = await startWorker();
    await send({ type: 'operators.sync', v: 1, operators: [op('opA', 'alpha', 'pwA')] });
    const gw = await until(async () =>
      echoGateway({ port, systemId: 'alpha', password: 'pwA' }).catch(() => undefined),
    );
    gateways.push(gw);
    const startAt = Date.now() + 300;
    await send({
      type: 'run.prepare',
      v: 1,
      tenantId: 't1',
      runId: 'run1',
      mode: 'operator',
      startAt,
      durationSec: 2,
      sequences: [
        [
          {
            id: 'st1',
            message: { text: 'ECHO pong', encoding: 'auto', segmentation: 'udh8' },
            expect: { kind: 'exact', text: 'pong' },
            timeoutMs: 1000,
            thinkMs: 0,
          },
        ],
      ],
      sequenceIds: ['seq1'],
      operators: [
        { operatorId: 'opA', perSecond: [100, 100], numbers: ['40720001', '40720002', '40720003'] },
      ],
      encoding: 'auto',
      window: 100,
    });
    const all: WorkerEvent[] = [];
    await until(async () => {
      all.push(...(await events()));
      return all.some((e) => e.type === 'run.done') ? true : undefined;
    }, 15_000);
    const records: ExchangeRecord[] = all.flatMap((e) => (e.type === 'results.batch' ? e.records : []));
    expect(records).toHaveLength(200);
    expect(records.every((r) => r.verdict === 'valid' && r.replyText === 'pong')).toBe(true);
    expect(new Set(records.map((r) => r.id)).size).toBe(200);
    const buckets = all.flatMap((e) => (e.type === 'results.batch' ? e.buckets : []));
    expect(buckets.reduce((n, b) => n + b.sent, 0)).toBe(200);
    const done = all.find((e) => e.type === 'run.done');
    expect(done?.type === 'run.done' && done.sent).toBe(200);
    expect(all.findIndex((e) => e.type === 'run.started')).toBeLessThan(
      all.findIndex((e) => e.type === 'run.done'),
    );
  });

  it('runs manual and automated functional sessions and reports each state', async () => {
    const { port, send, events } = await startWorker();
    await send({ type: 'operators.sync', v: 1, operators: [op('opA', 'alpha', 'pwA')] });
    gateways.push(
      await until(async () =>
        echoGateway({ port, systemId: 'alpha', password: 'pwA' }).catch(() => undefined),
      ),
    );
    await send({
      type: 'session.open',
      v: 1,
      tenantId: 't1',
      sessionId: 's1',
      operatorId: 'opA',
      msisdn: '40720009',
      mode: 'operator',
    });
    const t0 = Date.now();
    await send({
      type: 'session.send',
      v: 1,
      tenantId: 't1',
      sessionId: 's1',
      stepIndex: 0,
      message: { text: 'ECHO hello', encoding: 'auto', segmentation: 'udh8' },
      expect: { kind: 'exact', text: 'hello' },
      timeoutMs: 2000,
    });
    const all: WorkerEvent[] = [];
    const first = await until(async () => {
      all.push(...(await events()));
      return all.find((e) => e.type === 'results.batch');
    });
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(first.type === 'results.batch' && first.records[0]?.verdict).toBe('valid');
    const step = (id: string, text: string, expected: string) => ({
      id,
      message: { text, encoding: 'auto' as const, segmentation: 'udh8' as const },
      expect: { kind: 'exact' as const, text: expected },
      timeoutMs: 500,
      thinkMs: 0,
    });
    await send({
      type: 'session.auto',
      v: 1,
      tenantId: 't1',
      sessionId: 's1',
      sequenceId: 'q1',
      steps: [step('a', 'ECHO one', 'one'), step('b', 'ECHO two', 'WRONG'), step('c', 'ECHO three', 'three')],
      blockOnError: true,
      fromStep: 0,
    });
    const blocked = await until(async () => {
      all.push(...(await events()));
      return all.find((e) => e.type === 'session.event' && e.state === 'blocked');
    });
    expect(blocked.type === 'session.event' && blocked.cursor).toBe(1);
    // applied by time in any order: one session's events never share a millisecond, the last is latest
    const ats = all.flatMap((e) => (e.type === 'session.event' && e.sessionId === 's1' ? [e.at] : []));
    expect(new Set(ats).size).toBe(ats.length);
    expect(blocked.type === 'session.event' && blocked.at).toBe(Math.max(...ats));
    const verdicts = all.flatMap((e) => (e.type === 'results.batch' ? e.records.map((r) => r.verdict) : []));
    expect(verdicts).toEqual(['valid', 'valid', 'invalid']);
  });
});

describe('worker run control', () => {
  it('ignores a repeated run.prepare and finishes a run stopped before its start', async () => {
    const { w, events } = await startWorker();
    w.apply({ type: 'operators.sync', v: 1, operators: [op('opA', 'alpha', 'pwA')] });
    const prepare = {
      type: 'run.prepare' as const,
      v: 1 as const,
      tenantId: 't1',
      runId: 'later',
      mode: 'operator' as const,
      startAt: Date.now() + 60_000,
      durationSec: 5,
      sequences: [
        [
          {
            id: 's',
            message: { text: 'ECHO x', encoding: 'auto' as const, segmentation: 'udh8' as const },
            expect: { kind: 'any' as const },
            timeoutMs: 1000,
            thinkMs: 0,
          },
        ],
      ],
      sequenceIds: [],
      operators: [{ operatorId: 'opA', perSecond: [10, 10, 10, 10, 10], numbers: ['40720001'] }],
      encoding: 'auto' as const,
      window: 10,
    };
    w.apply(prepare);
    w.apply(prepare);
    expect(w.status().activeRuns).toEqual(['later']);
    w.apply({ type: 'run.stop', v: 1, tenantId: 't1', runId: 'later', abort: true });
    const done = await until(async () => {
      const got = await events();
      return got.find((e) => e.type === 'run.done');
    });
    expect(done.type === 'run.done' && done.sent).toBe(0);
    w.apply(prepare);
    expect(w.status().activeRuns).toEqual([]);
  });
  it('stop waits for the answers in flight; abort settles them at once and reports late ones', async () => {
    const { port, send, events } = await startWorker();
    await send({ type: 'operators.sync', v: 1, operators: [op('opA', 'alpha', 'pwA')] });
    // the gateway answers after 1.5 s: a stop at 0.5 s has ~50 exchanges in flight
    const gw = await until(async () =>
      echoGateway({ port, systemId: 'alpha', password: 'pwA', delayMs: 1500 }).catch(() => undefined),
    );
    gateways.push(gw);
    const plan = (runId: string, startAt: number): FleetCommand => ({
      type: 'run.prepare',
      v: 1,
      tenantId: 't1',
      runId,
      mode: 'operator',
      startAt,
      durationSec: 10,
      sequences: [
        [
          {
            id: 'st1',
            message: { text: 'ECHO pong', encoding: 'auto', segmentation: 'udh8' },
            expect: { kind: 'exact', text: 'pong' },
            timeoutMs: 5000,
            thinkMs: 0,
          },
        ],
      ],
      sequenceIds: [],
      operators: [
        {
          operatorId: 'opA',
          perSecond: Array(10).fill(100),
          numbers: Array.from({ length: 200 }, (_, i) => `4072${String(i).padStart(4, '0')}`),
        },
      ],
      encoding: 'auto',
      window: 1000,
    });
    const finish = async (runId: string, abort: boolean) => {
      const startAt = Date.now() + 200;
      await send(plan(runId, startAt));
      await new Promise((r) => setTimeout(r, startAt + 500 - Date.now()));
      const stoppedAt = Date.now();
      await send({ type: 'run.stop', v: 1, tenantId: 't1', runId, abort });
      const all: WorkerEvent[] = [];
      await until(async () => {
        all.push(...(await events()));
        return all.some((e) => e.type === 'run.done' && e.runId === runId) ? true : undefined;
      }, 15_000);
      const doneAt = Date.now();
      const records = all.flatMap((e) => (e.type === 'results.batch' ? e.records : []));
      return { records, tookMs: doneAt - stoppedAt, all };
    };

    const stopped = await finish('graceful', false);
    const sent = stopped.records.length;
    expect(sent).toBeGreaterThan(20);
    expect(sent).toBeLessThan(100);
    expect(stopped.records.every((r) => r.verdict === 'valid')).toBe(true);
    expect(stopped.tookMs).toBeGreaterThan(900);

    const aborted = await finish('aborted', true);
    const verdicts = aborted.records.map((r) => r.verdict);
    expect(verdicts.length).toBeGreaterThan(20);
    expect(verdicts.every((v) => v === 'unanswered')).toBe(true);
    expect(aborted.tookMs).toBeLessThan(1000);
    // the gateway's answers to the aborted run still arrive, and are reported late
    const late: WorkerEvent[] = [];
    await until(async () => {
      late.push(...(await events()));
      const n = late.flatMap((e) => (e.type === 'results.batch' ? e.records : [])).length;
      return n >= verdicts.length ? true : undefined;
    }, 10_000);
    const lateRecords = late.flatMap((e) => (e.type === 'results.batch' ? e.records : []));
    expect(
      lateRecords.every((r) => r.verdict === 'late' && r.scope.kind === 'run' && r.scope.runId === 'aborted'),
    ).toBe(true);
  }, 40_000);
});
