import type { ExchangeRecord } from '@gong/core/domain/exchange';
import type { SmPdu } from '@gong/smpp-fleet/smpp/pdu';
import { receiptText } from '@gong/smpp-fleet/smpp/receipt';
import { SmppServer } from '@gong/smpp-fleet/smpp/server';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorker } from './in-process-worker';

/** A gateway SMPP server for applications: accepts esme/secret, answers submit_sm, sends a receipt after 20 ms. */
async function gatewayServer() {
  let n = 0;
  const server = new SmppServer<string>({
    authenticate: (b) =>
      b.systemId === 'esme' && b.password === 'secret'
        ? { accept: true, identity: b.systemId }
        : { accept: false, status: 0x0e },
  });
  server.on('session', (s) => {
    s.on('error', () => {});
    s.on('pdu', (pdu) => {
      if (pdu.command !== 'submit_sm') return;
      const sm = pdu as SmPdu;
      const id = `m${n++}`;
      s.respond(sm, { messageId: id });
      setTimeout(() => {
        s.requestCb(
          {
            command: 'deliver_sm',
            sourceAddr: sm.destinationAddr,
            destinationAddr: sm.sourceAddr,
            esmClass: 0x04,
            shortMessage: Buffer.from(receiptText(id, 'DELIVRD', Date.now(), Date.now(), 'x'), 'latin1'),
          },
          () => {},
        );
      }, 20);
    });
  });
  const port = await server.listen(0);
  return { server, port };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('worker in ESME mode', () => {
  it('binds to the gateway, submits MT, pairs receipts by message id, and rebinds after a drop', async () => {
    const gw = await gatewayServer();
    cleanup.push(() => gw.server.close());
    const { worker, eventsUntilDone, bound } = await inProcessWorker('w-esme');
    cleanup.push(() => worker.shutdown());
    worker.apply({
      type: 'operators.sync',
      v: 1,
      operators: [
        {
          tenantId: 't1',
          operatorId: 'opE',
          connectionId: 'c1',
          name: 'esme',
          bindSystemId: 'unused',
          bindPassword: 'unused',
          shortCode: '1234',
          numberRanges: [],
          receipts: { delayMs: 0, statusMix: {} },
          esme: {
            host: '127.0.0.1',
            port: gw.port,
            systemId: 'esme',
            password: 'secret',
            bindType: 'transceiver',
          },
        },
      ],
    });
    await bound('opE');
    expect(worker.status().binds[0]?.peer).toBe(`127.0.0.1:${gw.port}`);
    worker.apply({
      type: 'run.prepare',
      v: 1,
      tenantId: 't1',
      runId: 'esme-run',
      mode: 'esme',
      startAt: Date.now() + 100,
      durationSec: 2,
      sequences: [
        [
          {
            id: 's',
            message: { text: 'promo', encoding: 'auto', segmentation: 'udh8' },
            expect: { kind: 'contains', text: 'stat:DELIVRD' },
            timeoutMs: 1500,
            thinkMs: 0,
          },
        ],
      ],
      sequenceIds: [],
      operators: [{ operatorId: 'opE', perSecond: [50, 50], numbers: ['40730001', '40730002'] }],
      encoding: 'auto',
      window: 100,
    });
    await new Promise((r) => setTimeout(r, 1000));
    for (const s of gw.server.sessions) s.destroy();
    const events = await eventsUntilDone('esme-run');
    const records: ExchangeRecord[] = events.flatMap((e) => (e.type === 'results.batch' ? e.records : []));
    const done = events.find((e) => e.type === 'run.done');
    expect(done?.type === 'run.done' && done.reconnects).toBe(1);
    expect(records).toHaveLength(100);
    const valid = records.filter((r) => r.verdict === 'valid');
    expect(valid.length).toBeGreaterThan(60);
    for (const r of valid) {
      expect(r.respStatus).toBe(0);
      expect(r.replyText).toContain('stat:DELIVRD');
      expect((r.replyAt ?? 0) - r.sentAt).toBeGreaterThanOrEqual(15);
    }
  });
});
