import { decodeText } from '@gong/core/encoding/text-codec';
import { type SimulatorHandle, startSimulator } from '@gong/smpp-fleet/sim/simulator';
import { connectAndBind } from '@gong/smpp-fleet/smpp/client';
import { Status } from '@gong/smpp-fleet/smpp/constants';
import { readSmPart, smBodiesForText, smText } from '@gong/smpp-fleet/smpp/message-parts';
import type { SmPdu } from '@gong/smpp-fleet/smpp/pdu';
import { parseReceipt } from '@gong/smpp-fleet/smpp/receipt';
import { SmppServer } from '@gong/smpp-fleet/smpp/server';
import type { SmppSession } from '@gong/smpp-fleet/smpp/session';
import { afterEach, describe, expect, it } from 'vitest';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(cond: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A Gong-side operator endpoint (what the fleet worker plays): records MT, answers submit_sm. */
async function anOperator(port = 0) {
  const server = new SmppServer<string>({
    authenticate: (b) =>
      b.systemId === 'jasmin' && b.password === 'pw'
        ? { accept: true, identity: 'op' }
        : { accept: false, status: Status.ESME_RINVPASWD },
  });
  const mt: SmPdu[] = [];
  let session: SmppSession<string> | undefined;
  server.on('session', (s) => {
    s.on('bound', () => {
      session = s;
    });
    s.on('pdu', (p) => {
      if (p.command === 'submit_sm') {
        mt.push(p);
        s.respond(p, { messageId: `op-${mt.length}` });
      }
    });
  });
  const bound = await server.listen(port);
  cleanups.push(() => server.close());
  return { server, port: bound, mt, session: () => session };
}

async function aSim(config: Parameters<typeof startSimulator>[0]): Promise<SimulatorHandle> {
  const sim = await startSimulator(config);
  cleanups.push(() => sim.stop());
  return sim;
}

function mo(
  op: { session: () => SmppSession<string> | undefined },
  from: string,
  text: string,
  segmentation: 'udh8' | 'sar' = 'udh8',
) {
  const s = op.session();
  if (!s) throw new Error('not bound');
  for (const body of smBodiesForText(text, { segmentation, reference: 5 })) {
    s.requestCb(
      {
        command: 'deliver_sm',
        sourceAddr: from,
        sourceAddrTon: 1,
        sourceAddrNpi: 1,
        destinationAddr: '1234',
        ...body,
      },
      () => {},
    );
  }
}

describe('gateway simulator, operator side', () => {
  it('answers MO by keyword rules with MT from the short code back to the number', async () => {
    const op = await anOperator();
    const sim = await aSim({
      operators: [{ host: '127.0.0.1', port: op.port, systemId: 'jasmin', password: 'pw' }],
    });
    await sim.waitBound();

    mo(op, '40721000001', 'BAL');
    mo(op, '40721000002', 'echo Grüße 😀');
    mo(op, '40721000003', 'what?');
    mo(op, '40721000004', `ECHO ${'long '.repeat(60)}end`, 'sar');
    await until(() => op.mt.length >= 3 + 2).catch((e) => {
      throw new Error(`${e} mt=${op.mt.length} ${JSON.stringify(sim.counters)}`);
    });

    const byNumber = new Map<string, string[]>();
    for (const p of op.mt)
      byNumber.set(p.destinationAddr, [...(byNumber.get(p.destinationAddr) ?? []), smText(p)]);
    expect(byNumber.get('40721000001')).toEqual(['Your balance is 42 EUR']);
    expect(byNumber.get('40721000002')).toEqual(['Grüße 😀']);
    expect(byNumber.get('40721000003')?.[0]).toMatch(/^Unknown command/);
    const long = op.mt.filter((p) => p.destinationAddr === '40721000004');
    expect(long.length).toBe(2); // 305 chars → 2 UDH parts
    expect(long.every((p) => (p.esmClass & 0x40) !== 0 && readSmPart(p).concat?.total === 2)).toBe(true);
    expect(long.map((p) => decodeText(readSmPart(p).bytes, p.dataCoding)).join('')).toBe(
      `${'long '.repeat(60)}end`,
    );
    expect(op.mt.every((p) => p.sourceAddr === '1234')).toBe(true);
    expect(sim.counters.moReceived).toBe(4);
    await until(() => sim.counters.mtAccepted === 5);
  });

  it('throttles above the cap and drops by seeded rate', async () => {
    const op = await anOperator();
    const sim = await aSim({
      operators: [{ host: '127.0.0.1', port: op.port, systemId: 'jasmin', password: 'pw' }],
      capPerSecond: 10,
    });
    await sim.waitBound();
    const s = op.session() as SmppSession<string>;
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        s.request({
          command: 'deliver_sm',
          sourceAddr: '1',
          destinationAddr: '1234',
          shortMessage: Buffer.from('BAL'),
        }),
      ),
    );
    const throttled = statuses.filter((r) => r.commandStatus === Status.ESME_RTHROTTLED).length;
    // the cap is per wall-clock second: 30 requests in one burst may straddle a second boundary
    expect(throttled).toBeGreaterThanOrEqual(10);
    expect(sim.counters.throttled).toBe(throttled);
  });

  it('rebinds with backoff when the operator endpoint goes away and comes back', async () => {
    const first = await anOperator();
    const port = first.port;
    const sim = await aSim({
      operators: [{ host: '127.0.0.1', port, systemId: 'jasmin', password: 'pw' }],
      reconnect: { minMs: 20, maxMs: 100 },
    });
    await sim.waitBound();
    await first.server.close();
    await until(() => sim.linksBound() === 0);
    await new Promise((r) => setTimeout(r, 150));
    const second = await anOperator(port);
    await until(() => sim.linksBound() === 1);
    expect(sim.counters.binds).toBe(2);
    expect(sim.counters.reconnects).toBeGreaterThan(0);
    mo(second, '40720000009', 'BAL');
    await until(() => second.mt.length === 1);
  });
});

describe('gateway simulator, ESME side', () => {
  it('answers submit_sm with a message id and sends an SMPP 3.4 delivery receipt', async () => {
    const sim = await aSim({
      esme: { port: 0, accounts: [{ systemId: 'app', password: 'apppw' }] },
      receipts: { delayMs: 20, statusMix: { UNDELIV: 1 } },
    });
    const app = await connectAndBind({
      host: '127.0.0.1',
      port: sim.esmePort as number,
      bind: { mode: 'transceiver', systemId: 'app', password: 'apppw' },
    });
    cleanups.push(() => app.destroy());
    const receipts: SmPdu[] = [];
    app.on('pdu', (p) => {
      if (p.command === 'deliver_sm') {
        receipts.push(p);
        app.respond(p);
      }
    });

    const resp = await app.request({
      command: 'submit_sm',
      sourceAddr: 'APP',
      destinationAddr: '40721000001',
      registeredDelivery: 1,
      shortMessage: Buffer.from('hello there'),
    });
    await until(() => receipts.length === 1);

    expect(resp).toMatchObject({ command: 'submit_sm_resp', commandStatus: 0 });
    const r = receipts[0] as SmPdu;
    expect(r.esmClass).toBe(0x04);
    const receipt = parseReceipt(smText(r));
    expect(receipt).toMatchObject({ stat: 'UNDELIV', sub: 1, dlvrd: 0, text: 'hello there' });
    expect(receipt?.id).toBe(resp.command === 'submit_sm_resp' ? resp.messageId : '');
    expect(smText(r)).toMatch(
      /^id:\S+ sub:001 dlvrd:000 submit date:\d{10} done date:\d{10} stat:UNDELIV err:001 text:/,
    );
    await expect(
      connectAndBind({
        host: '127.0.0.1',
        port: sim.esmePort as number,
        bind: { mode: 'transmitter', systemId: 'app', password: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'bind_failed' });
  });

  it('injects seeded faults: no response, generic_nack, malformed', async () => {
    const sim = await aSim({
      esme: { port: 0 },
      faults: { noResponse: 0.2, genericNack: 0.2, malformed: 0.2 },
      seed: 7,
    });
    const app = await connectAndBind({
      host: '127.0.0.1',
      port: sim.esmePort as number,
      bind: { mode: 'transceiver', systemId: 'x', password: 'y' },
      responseTimeoutMs: 300,
    });
    cleanups.push(() => app.destroy());
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () =>
        app.request({ command: 'submit_sm', destinationAddr: '1', shortMessage: Buffer.from('x') }).then(
          (r) => r.command,
          (e: { code: string }) => e.code,
        ),
      ),
    );
    const count = (k: string) => outcomes.filter((o) => o === k).length;
    expect(count('timeout')).toBe(sim.counters.noResponse);
    expect(count('generic_nack')).toBe(sim.counters.genericNacks);
    expect(count('malformed_response')).toBe(sim.counters.malformedSent);
    expect(count('submit_sm_resp')).toBe(sim.counters.esmeSubmits);
    expect(count('timeout') * count('generic_nack') * count('malformed_response')).toBeGreaterThan(0);
    expect(app.isBound).toBe(true);
  });
});
