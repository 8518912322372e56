import { startSimulator } from '@gong/smpp-fleet/sim/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorker } from './in-process-worker';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('worker in loop mode (both sides of one gateway)', () => {
  it("submits MT on the gateway's SMPP server and catches it on the operator side, timing the gateway", async () => {
    const { worker, port: workerPort, eventsUntilDone, bound } = await inProcessWorker('w-loop');
    cleanup.push(() => worker.shutdown());
    // the gateway: binds to the worker as the operator's SMSC, serves applications on its own port,
    // and routes every application MT to the operator after 30 ms
    const gateway = await startSimulator({
      operators: [{ host: '127.0.0.1', port: workerPort, systemId: 'gw', password: 'gwpw' }],
      esme: { port: 0, accounts: [{ systemId: 'app', password: 'apppw' }], route: 'operators' },
      latency: { kind: 'fixed', ms: 30 },
      enquireLinkIntervalMs: 0,
    });
    cleanup.push(() => gateway.stop());
    worker.apply({
      type: 'operators.sync',
      v: 1,
      operators: [
        {
          tenantId: 't1',
          operatorId: 'opL',
          connectionId: 'c1',
          name: 'loop',
          bindSystemId: 'gw',
          bindPassword: 'gwpw',
          shortCode: '1234',
          numberRanges: [],
          receipts: { delayMs: 0, statusMix: { DELIVRD: 1 } },
          esme: {
            host: '127.0.0.1',
            port: gateway.esmePort as number,
            systemId: 'app',
            password: 'apppw',
            bindType: 'transceiver',
          },
        },
      ],
    });
    await gateway.waitBound(10_000);
    await bound('opL', 2);
    expect(worker.status().binds.filter((b) => b.operatorId === 'opL')).toHaveLength(2);

    worker.apply({
      type: 'run.prepare',
      v: 1,
      tenantId: 't1',
      runId: 'loop-run',
      mode: 'loop',
      startAt: Date.now() + 100,
      durationSec: 2,
      sequences: [
        [
          {
            id: 's',
            // the step's own expectation is about an application's answer; in a loop the answer is the
            // message itself, delivered unchanged
            message: { text: 'loop ü test', encoding: 'auto', segmentation: 'udh8' },
            expect: { kind: 'exact', text: 'something else' },
            timeoutMs: 2000,
            thinkMs: 0,
          },
        ],
      ],
      sequenceIds: [],
      operators: [{ operatorId: 'opL', perSecond: [50, 50], numbers: ['40740001', '40740002', '40740003'] }],
      encoding: 'auto',
      window: 100,
    });
    const events = await eventsUntilDone('loop-run');
    const records = events.flatMap((e) => (e.type === 'results.batch' ? e.records : []));
    expect(records).toHaveLength(100);
    expect(records.every((r) => r.verdict === 'valid' && r.replyText === 'loop ü test')).toBe(true);
    const latencies = records.map((r) => (r.replyAt as number) - r.sentAt).sort((a, b) => a - b);
    expect(latencies[0]).toBeGreaterThanOrEqual(29);
    expect(latencies[50]).toBeLessThan(45);
    expect(gateway.counters.esmeForwarded).toBe(100);
    expect(gateway.counters.moReceived).toBe(0);
    const done = events.find((e) => e.type === 'run.done');
    expect(done?.type === 'run.done' && done.sent).toBe(100);
  }, 30_000);
});
