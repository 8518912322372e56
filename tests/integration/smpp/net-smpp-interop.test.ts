/**
 * Interop with Debian's Perl Net::SMPP (libnet-smpp-perl), both directions. Needs perl and
 * Net::SMPP: `apt-get install -y libnet-smpp-perl`. Without them these tests fail (never skip).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Reassembler } from '@gong/core/encoding/reassembly';
import { decodeText } from '@gong/core/encoding/text-codec';
import { systemClock } from '@gong/core/ports/clock';
import { connectAndBind } from '@gong/smpp-fleet/smpp/client';
import { Status } from '@gong/smpp-fleet/smpp/constants';
import { readSmPart, smBodiesForText, smText } from '@gong/smpp-fleet/smpp/message-parts';
import type { SmPdu } from '@gong/smpp-fleet/smpp/pdu';
import { SmppServer } from '@gong/smpp-fleet/smpp/server';
import type { SmppSession } from '@gong/smpp-fleet/smpp/session';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const PERL_DIR = fileURLToPath(new URL('../../support/perl/', import.meta.url));
type Line = Record<string, unknown> & { event: string };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

beforeAll(() => {
  const r = spawnSync('perl', ['-MNet::SMPP', '-MJSON::PP', '-e', '1'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(
      `Net::SMPP interop needs perl with Net::SMPP: run "apt-get install -y libnet-smpp-perl" (${r.error?.message ?? r.stderr.trim()})`,
    );
  }
});

function perl(script: string, args: string[]) {
  const child: ChildProcess = spawn('perl', [`${PERL_DIR}${script}`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill());
  const lines: Line[] = [];
  let stderr = '';
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    let nl = buf.indexOf('\n');
    while (nl !== -1) {
      lines.push(JSON.parse(buf.slice(0, nl)) as Line);
      buf = buf.slice(nl + 1);
      nl = buf.indexOf('\n');
    }
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const until = async (cond: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end)
        throw new Error(`perl ${script}: timed out; lines=${JSON.stringify(lines)} stderr=${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { lines, until, exited, stderr: () => stderr };
}

describe('Net::SMPP ESME ⇄ Gong server', () => {
  it('binds, submits in every encoding and segmentation, receives deliver_sm, enquire_link, unbind', async () => {
    const server = new SmppServer<string>({
      authenticate: (b) =>
        b.systemId === 'perl' && b.password === 'secret'
          ? { accept: true, identity: 'perl' }
          : { accept: false, status: Status.ESME_RINVPASWD },
    });
    const port = await server.listen(0);
    cleanups.push(() => server.close());
    const submits: SmPdu[] = [];
    const texts: string[] = [];
    const reassembler = new Reassembler({ timeoutMs: 10_000, clock: systemClock });
    let session: SmppSession<string> | undefined;
    server.on('session', (s) => {
      session = s;
      s.on('pdu', (p) => {
        if (p.command !== 'submit_sm') return;
        submits.push(p);
        s.respond(p, { messageId: `g${submits.length}` });
        const part = readSmPart(p);
        if (part.concat === undefined) texts.push(decodeText(part.bytes, part.dataCoding));
        else {
          const r = reassembler.push({
            key: 'perl',
            ...part.concat,
            dataCoding: part.dataCoding,
            bytes: part.bytes,
          });
          if (r.kind === 'complete') texts.push(r.text);
        }
      });
    });

    const bad = perl('esme-client.pl', ['127.0.0.1', String(port), 'perl', 'wrong', '0']);
    await bad.until(() => bad.lines.length === 1);
    expect(bad.lines[0]).toMatchObject({ event: 'bind_resp', status: Status.ESME_RINVPASWD });

    const p = perl('esme-client.pl', ['127.0.0.1', String(port), 'perl', 'secret', '4']);
    await p.until(() => p.lines.filter((l) => l.event === 'submit_resp').length === 8);
    expect(p.lines[0]).toMatchObject({ event: 'bind_resp', status: 0, system_id: 'gong' });
    expect(p.lines.filter((l) => l.event === 'submit_resp').map((l) => l.message_id)).toEqual(
      Array.from({ length: 8 }, (_, i) => `g${i + 1}`),
    );
    expect(texts).toEqual([
      'Hello from Net::SMPP',
      'Grüße ÿ',
      'Привет 😀',
      `${'a'.repeat(153)}${'b'.repeat(20)}`,
      `${'c'.repeat(153)}dd`,
      'e'.repeat(400),
    ]);

    const s = session as SmppSession<string>;
    const outgoing = ['Cost 5€ {x}', 'naïve ÿ', 'Жизнь 😀']; // é would be GSM; ï and ÿ are not
    for (const text of outgoing) {
      const [body] = smBodiesForText(text);
      const r = await s.request({
        command: 'deliver_sm',
        sourceAddr: '1234',
        destinationAddr: 'PERL',
        ...body,
      });
      expect(r.commandStatus).toBe(0);
    }
    for (const body of smBodiesForText('z'.repeat(200), { reference: 11 })) {
      await s.request({ command: 'deliver_sm', sourceAddr: '1234', destinationAddr: 'PERL', ...body });
    }
    await p.until(() => p.lines.some((l) => l.event === 'unbind_resp'));
    const delivers = p.lines.filter((l) => l.event === 'deliver');
    expect(
      delivers
        .slice(0, 3)
        .map((l) => [l.data_coding, decodeText(Buffer.from(String(l.hex), 'hex'), Number(l.data_coding))]),
    ).toEqual([
      [0, outgoing[0]],
      [3, outgoing[1]],
      [8, outgoing[2]],
    ]);
    expect(Buffer.from(String(delivers[3]?.hex), 'hex').subarray(0, 6)).toEqual(
      Buffer.from([5, 0, 3, 11, 2, 1]),
    );
    expect(p.lines.some((l) => l.event === 'enquire_link_resp')).toBe(true);
    expect(s.counters.malformed).toBe(0);
    expect(await p.exited).toBe(0);
  });
});

describe('Gong client ⇄ Net::SMPP SMSC', () => {
  it('binds, submits in every encoding and segmentation, gets MO, answers enquire_link, unbinds', async () => {
    const p = perl('smsc-server.pl', ['7']);
    await p.until(() => p.lines.length === 1);
    const port = Number(p.lines[0]?.port);
    const gong = await connectAndBind({
      host: '127.0.0.1',
      port,
      bind: { mode: 'transceiver', systemId: 'gongop', password: 'sixteen-chars-ok' },
    });
    cleanups.push(() => gong.destroy());
    const mo: SmPdu[] = [];
    gong.on('pdu', (pdu) => {
      if (pdu.command === 'deliver_sm') {
        mo.push(pdu);
        gong.respond(pdu);
      }
    });

    const sends: [string, Parameters<typeof smBodiesForText>[1]][] = [
      ['GSM @£€', {}],
      ['Latin ÿ', {}],
      ['UCS2 😀', {}],
      ['u'.repeat(170), { segmentation: 'udh16', reference: 0x1234 }],
      ['s'.repeat(170), { segmentation: 'sar', reference: 0x0102 }],
      ['p'.repeat(300), { segmentation: 'payload' }],
    ];
    const ids: string[] = [];
    for (const [text, opts] of sends) {
      for (const body of smBodiesForText(text, opts)) {
        const r = await gong.request({
          command: 'submit_sm',
          sourceAddr: 'GONG',
          destinationAddr: '4072',
          registeredDelivery: 1,
          ...body,
        });
        if (r.command === 'submit_sm_resp') ids.push(r.messageId);
      }
    }
    await p.until(() => mo.length === 3);
    await p.until(() => p.lines.some((l) => l.event === 'enquire_link_resp'));
    await gong.unbind();
    await p.until(() => p.lines.some((l) => l.event === 'unbind'));

    expect(p.lines[1]).toMatchObject({ event: 'bind', system_id: 'gongop', password: 'sixteen-chars-ok' });
    expect(ids).toEqual(Array.from({ length: 8 }, (_, i) => `perl-${i + 1}`));
    const submits = p.lines.filter((l) => l.event === 'submit');
    const hex = (i: number) => Buffer.from(String(submits[i]?.hex), 'hex');
    expect(decodeText(hex(0), 0)).toBe('GSM @£€');
    expect(submits.slice(0, 3).map((l) => l.data_coding)).toEqual([0, 3, 8]);
    expect(decodeText(hex(1), 3)).toBe('Latin ÿ');
    expect(decodeText(hex(2), 8)).toBe('UCS2 😀');
    expect(hex(3).subarray(0, 7)).toEqual(Buffer.from([6, 8, 4, 0x12, 0x34, 2, 1]));
    expect(submits[3]?.esm_class).toBe(0x40);
    expect(submits[5]?.tlv).toMatchObject({
      sar_msg_ref_num: '0102',
      sar_total_segments: '02',
      sar_segment_seqnum: '01',
    });
    const payloadTlv = (submits[7]?.tlv ?? {}) as Record<string, string>;
    expect(Buffer.from(String(payloadTlv.message_payload), 'hex').toString()).toBe('p'.repeat(300));
    expect(submits.every((l) => l.registered_delivery === 1)).toBe(true);
    expect(mo.map(smText)).toEqual(['BAL', 'café', 'Ж 😀']);
    expect(p.lines.filter((l) => l.event === 'deliver_resp').map((l) => l.status)).toEqual([0, 0, 0]);
    expect(await p.exited).toBe(0);
  });
});
