/**
 * Interop with the npm `smpp` 0.5.1 package, both directions. Notes on that package: it sends
 * ASCII-detected text with data_coding 1 (IA5) but GSM-encodes it, so we send ASCII-only text there;
 * it has no window and no timeouts, so each step awaits its callback.
 */
import { decodeText } from '@gong/core/encoding/text-codec';
import { connectAndBind } from '@gong/smpp-fleet/smpp/client';
import { Status } from '@gong/smpp-fleet/smpp/constants';
import { readSmPart, smBodiesForText, smText } from '@gong/smpp-fleet/smpp/message-parts';
import type { SmPdu } from '@gong/smpp-fleet/smpp/pdu';
import { SmppServer } from '@gong/smpp-fleet/smpp/server';
import type { SmppSession } from '@gong/smpp-fleet/smpp/session';
import { afterEach, describe, expect, it } from 'vitest';
import { loadNpmSmpp, type NpmSmppPdu, type NpmSmppSession } from '../../../smpp-fleet/bench/npm-smpp';

const npm = loadNpmSmpp();

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const call = <T>(f: (cb: (x: T) => void) => void) => new Promise<T>((resolve) => f(resolve));

async function until(cond: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('Gong server ⇄ npm smpp client', () => {
  it('binds, submits, receives deliver_sm in every encoding, enquire_link, unbind', async () => {
    const server = new SmppServer<string>({
      authenticate: (b) =>
        b.password === 'secret'
          ? { accept: true, identity: b.systemId }
          : { accept: false, status: Status.ESME_RINVPASWD },
    });
    const port = await server.listen(0);
    cleanups.push(() => server.close());
    const submits: SmPdu[] = [];
    let gong: SmppSession<string> | undefined;
    server.on('session', (s) => {
      s.on('bound', () => {
        gong = s;
      });
      s.on('pdu', (p) => {
        if (p.command === 'submit_sm') {
          submits.push(p);
          s.respond(p, { messageId: `gong-${submits.length}` });
        }
      });
    });

    const client = npm.connect({ host: '127.0.0.1', port });
    cleanups.push(() => client.destroy());
    client.on('error', () => {});
    const delivered: NpmSmppPdu[] = [];
    client.on('enquire_link', (p) => client.send(p.response())); // npm smpp does not answer it itself
    client.on('deliver_sm', (p) => {
      delivered.push(p);
      client.send(p.response());
    });
    const wrong = npm.connect({ host: '127.0.0.1', port });
    cleanups.push(() => wrong.destroy());
    wrong.on('error', () => {});
    const refused = await call<NpmSmppPdu>((cb) =>
      wrong.bind_transceiver({ system_id: 'op1', password: 'bad' }, cb),
    );
    expect(refused.command_status).toBe(Status.ESME_RINVPASWD);

    const bind = await call<NpmSmppPdu>((cb) =>
      client.bind_transceiver({ system_id: 'op1', password: 'secret' }, cb),
    );
    expect(bind.command_status).toBe(0);

    // npm → Gong: ASCII (dc 1), Latin-1 (dc 3), UCS2 (dc 8)
    const r1 = await call<NpmSmppPdu>((cb) =>
      client.submit_sm({ destination_addr: '4072', short_message: 'Hello Gong' }, cb),
    );
    const r2 = await call<NpmSmppPdu>((cb) =>
      client.submit_sm({ destination_addr: '4072', data_coding: 3, short_message: 'Grüße ÿ' }, cb),
    );
    const r3 = await call<NpmSmppPdu>((cb) =>
      client.submit_sm({ destination_addr: '4072', short_message: 'Привет 😀' }, cb),
    );
    expect([r1, r2, r3].map((r) => r.message_id)).toEqual(['gong-1', 'gong-2', 'gong-3']);
    expect(submits.map((p) => p.dataCoding)).toEqual([1, 3, 8]);
    expect(submits.map(smText)).toEqual(['Hello Gong', 'Grüße ÿ', 'Привет 😀']);

    // Gong → npm: GSM 7 with extension chars, Latin-1, UCS2 with a surrogate pair, long UDH message
    const s = gong as SmppSession<string>;
    for (const text of ['Cost: 5€ {ok}', 'café ÿ', 'Жизнь 😀']) {
      const [body] = smBodiesForText(text);
      await s.request({ command: 'deliver_sm', sourceAddr: '4072', destinationAddr: '1234', ...body });
    }
    const long = `${'abcdefghij'.repeat(20)}!`;
    for (const body of smBodiesForText(long, { reference: 3 })) {
      await s.request({ command: 'deliver_sm', sourceAddr: '4072', destinationAddr: '1234', ...body });
    }
    await until(() => delivered.length === 5);
    expect(delivered.slice(0, 3).map((p) => p.short_message?.message)).toEqual([
      'Cost: 5€ {ok}',
      'café ÿ',
      'Жизнь 😀',
    ]);
    expect(delivered.slice(0, 3).map((p) => p.data_coding)).toEqual([0, 3, 8]);
    expect(delivered.slice(3).map((p) => p.short_message?.udh?.[0]?.[4])).toEqual([1, 2]); // IE 00 03 ref total seq
    expect(
      delivered
        .slice(3)
        .map((p) => p.short_message?.message)
        .join(''),
    ).toBe(long);

    // keepalive both ways, then unbind from npm
    const el = await call<NpmSmppPdu>((cb) => client.enquire_link(cb));
    expect(el.command).toBe('enquire_link_resp');
    expect((await s.request({ command: 'enquire_link' })).command).toBe('enquire_link_resp');
    const ub = await call<NpmSmppPdu>((cb) => client.unbind(cb));
    expect(ub.command).toBe('unbind_resp');
    await until(() => s.state === 'closed');
  });
});

describe('npm smpp server ⇄ Gong client', () => {
  it('binds, submits in every encoding, receives deliver_sm MO and receipts, unbinds', async () => {
    const received: NpmSmppPdu[] = [];
    let serverSession: NpmSmppSession | undefined;
    const srv = npm.createServer((s) => {
      serverSession = s;
      s.on('error', () => {});
      s.on('bind_transceiver', (p) => s.send(p.response()));
      s.on('enquire_link', (p) => s.send(p.response()));
      s.on('unbind', (p) => s.send(p.response()));
      s.on('submit_sm', (p) => {
        received.push(p);
        s.send(p.response({ message_id: `npm-${received.length}` }));
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    cleanups.push(() => srv.close());
    const gong = await connectAndBind({
      host: '127.0.0.1',
      port: srv.address().port,
      bind: { mode: 'transceiver', systemId: 'gong', password: 'pw' },
    });
    cleanups.push(() => gong.destroy());
    const mo: SmPdu[] = [];
    gong.on('pdu', (p) => {
      if (p.command === 'deliver_sm') {
        mo.push(p);
        gong.respond(p);
      }
    });

    const texts = ['plain GSM @ £', 'Latin ÿ ï', 'UCS2 ✓ 😀', `${'0123456789'.repeat(17)}`];
    for (const text of texts) {
      for (const body of smBodiesForText(text, { reference: 9 })) {
        const r = await gong.request({
          command: 'submit_sm',
          sourceAddr: 'GONG',
          destinationAddr: '4072',
          ...body,
        });
        expect(r).toMatchObject({ command: 'submit_sm_resp', commandStatus: 0 });
      }
    }
    expect(received.map((p) => p.data_coding)).toEqual([0, 3, 8, 0, 0]);
    expect(received.slice(0, 3).map((p) => p.short_message?.message)).toEqual(texts.slice(0, 3));
    expect(
      received
        .slice(3)
        .map((p) => p.short_message?.message)
        .join(''),
    ).toBe(texts[3]);

    const ss = serverSession as NpmSmppSession;
    await call<NpmSmppPdu>((cb) =>
      ss.deliver_sm(
        { source_addr: '4072', destination_addr: '1234', data_coding: 8, short_message: 'МО 😀' },
        cb,
      ),
    );
    await call<NpmSmppPdu>((cb) =>
      ss.deliver_sm(
        {
          source_addr: '4072',
          destination_addr: 'GONG',
          esm_class: 4,
          short_message:
            'id:npm-1 sub:001 dlvrd:001 submit date:2611212300 done date:2611212301 stat:DELIVRD err:000 text:x',
        },
        cb,
      ),
    );
    await until(() => mo.length === 2);
    expect(smText(mo[0] as SmPdu)).toBe('МО 😀');
    expect(mo[1]?.esmClass).toBe(4);
    expect(decodeText(readSmPart(mo[1] as SmPdu).bytes, 0)).toMatch(/stat:DELIVRD/);

    await gong.unbind();
    expect(gong.counters.rxByCommand.unbind_resp).toBe(1);
  });
});
