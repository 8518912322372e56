import { connect, createServer, type Socket } from 'node:net';
import { connectAndBind, connectSmpp } from '@gong/smpp-fleet/smpp/client';
import { CommandId, Status } from '@gong/smpp-fleet/smpp/constants';
import { decodePdu, isDecodeError } from '@gong/smpp-fleet/smpp/decode';
import { encodePdu } from '@gong/smpp-fleet/smpp/encode';
import { FrameSplitter } from '@gong/smpp-fleet/smpp/frame-splitter';
import type { Pdu } from '@gong/smpp-fleet/smpp/pdu';
import { SmppServer } from '@gong/smpp-fleet/smpp/server';
import { SmppError, type SmppSession } from '@gong/smpp-fleet/smpp/session';
import { afterEach, describe, expect, it } from 'vitest';

const OPERATORS: Record<string, { password: string; name: string }> = {
  op1: { password: 'pw1', name: 'Orange' },
  op2: { password: 'pw2', name: 'Vodafone' },
};

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function aServer(opts: ConstructorParameters<typeof SmppServer<string>>[0] = {}) {
  const server = new SmppServer<string>({
    authenticate: (bind) => {
      const op = OPERATORS[bind.systemId];
      if (op === undefined) return { accept: false, status: Status.ESME_RINVSYSID };
      if (op.password !== bind.password) return { accept: false, status: Status.ESME_RINVPASWD };
      return { accept: true, identity: op.name };
    },
    ...opts,
  });
  const port = await server.listen(0);
  cleanups.push(() => server.close());
  return { server, port };
}

async function aClient(port: number, systemId = 'op1', password = 'pw1', extra = {}) {
  const s = await connectAndBind({
    host: '127.0.0.1',
    port,
    bind: { mode: 'transceiver', systemId, password },
    ...extra,
  });
  cleanups.push(() => s.destroy());
  return s;
}

/** A raw TCP peer that records every decoded PDU it receives. */
async function rawPeer(port: number) {
  const socket: Socket = connect({ host: '127.0.0.1', port });
  await new Promise((r) => socket.once('connect', r));
  cleanups.push(() => socket.destroy());
  const got: Pdu[] = [];
  const splitter = new FrameSplitter(
    (buf, off) => {
      const d = decodePdu(buf, off);
      if (!isDecodeError(d)) got.push(d);
    },
    () => {},
  );
  socket.on('data', (c: Buffer) => splitter.push(c));
  return { socket, got };
}

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('SmppSession over TCP', () => {
  it('tells operators apart per bind and rejects a wrong password with ESME_RINVPASWD', async () => {
    const { server, port } = await aServer();
    const identities: string[] = [];
    server.on('session', (s) => s.on('bound', (id) => identities.push(id)));

    await aClient(port, 'op1', 'pw1');
    await aClient(port, 'op2', 'pw2');
    const bad = await connectSmpp({ host: '127.0.0.1', port });
    cleanups.push(() => bad.destroy());
    const resp = await bad.bind({ mode: 'transceiver', systemId: 'op1', password: 'nope' });

    expect(resp.commandStatus).toBe(Status.ESME_RINVPASWD);
    expect(bad.isBound).toBe(false);
    await until(() => identities.length === 2);
    expect(identities.sort()).toEqual(['Orange', 'Vodafone']);
    await expect(
      connectAndBind({
        host: '127.0.0.1',
        port,
        bind: { mode: 'transmitter', systemId: 'zz', password: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'bind_failed' });
  });

  it('answers requests before bind with ESME_RINVBNDSTS', async () => {
    const { port } = await aServer();
    const s = await connectSmpp({ host: '127.0.0.1', port });
    cleanups.push(() => s.destroy());
    const r = await s.request({ command: 'submit_sm', destinationAddr: '1' });
    expect(r).toMatchObject({ command: 'submit_sm_resp', commandStatus: Status.ESME_RINVBNDSTS });
  });

  it('carries submit_sm and deliver_sm both ways and counts statuses', async () => {
    const { server, port } = await aServer();
    server.on('session', (s) =>
      s.on('pdu', (p) => {
        if (p.command === 'submit_sm') {
          s.respond(p, { messageId: `m-${p.sequenceNumber}` });
          s.requestCb(
            { command: 'deliver_sm', sourceAddr: p.destinationAddr, shortMessage: p.shortMessage },
            () => {},
          );
        }
      }),
    );
    const client = await aClient(port);
    const mo: string[] = [];
    client.on('pdu', (p) => {
      if (p.command === 'deliver_sm') {
        mo.push(p.shortMessage.toString());
        client.respond(p);
      }
    });

    const resps = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.request({ command: 'submit_sm', destinationAddr: '123', shortMessage: Buffer.from(`t${i}`) }),
      ),
    );

    expect(resps.every((r) => r.command === 'submit_sm_resp' && r.messageId.startsWith('m-'))).toBe(true);
    await until(() => mo.length === 50);
    expect(client.counters.rxRespStatus.get(0)).toBe(51); // 50 submit_sm_resp + bind_resp
    expect(client.counters.txByCommand.deliver_sm_resp).toBe(50);
  });

  it('resolves non-zero statuses and rejects only on timeout', async () => {
    const { server, port } = await aServer();
    server.on('session', (s) =>
      s.on('pdu', (p) => {
        if (p.command === 'submit_sm' && p.destinationAddr === 'throttle')
          s.respond(p, { commandStatus: Status.ESME_RTHROTTLED });
        // 'silent' gets no answer at all
      }),
    );
    const client = await aClient(port, 'op1', 'pw1', { responseTimeoutMs: 150 });

    const throttled = await client.request({ command: 'submit_sm', destinationAddr: 'throttle' });
    const silent = client.request({ command: 'submit_sm', destinationAddr: 'silent' });

    expect(throttled.commandStatus).toBe(Status.ESME_RTHROTTLED);
    await expect(silent).rejects.toBeInstanceOf(SmppError);
    await expect(silent).rejects.toMatchObject({ code: 'timeout' });
    expect(client.counters.timeouts).toBe(1);
    expect(client.counters.rxRespStatus.get(Status.ESME_RTHROTTLED)).toBe(1);
  });

  it('never has more than windowSize requests outstanding; the rest queue', async () => {
    const { server, port } = await aServer();
    let serverSide: SmppSession<string> | undefined;
    const held: Pdu[] = [];
    server.on('session', (s) => {
      serverSide = s;
      s.on('pdu', (p) => held.push(p));
    });
    const client = await aClient(port, 'op1', 'pw1', { windowSize: 5 });

    const all = Array.from({ length: 20 }, () =>
      client.request({ command: 'submit_sm', destinationAddr: '1' }),
    );
    await until(() => held.length === 5);
    await new Promise((r) => setTimeout(r, 50));

    expect(held.length).toBe(5);
    expect(client.outstanding).toBe(5);
    expect(client.queued).toBe(15);
    expect(client.canSend).toBe(false);
    while (held.length < 20 || held.some(Boolean)) {
      const p = held.shift();
      if (p) serverSide?.respond(p, { messageId: 'x' });
      else await new Promise((r) => setTimeout(r, 5));
      if (held.length === 0 && client.outstanding === 0) break;
    }
    const resps = await Promise.all(all);
    expect(resps).toHaveLength(20);
  });

  it('keeps the link alive with enquire_link and detects a dead link', async () => {
    const { port } = await aServer();
    const alive = await aClient(port, 'op1', 'pw1', { enquireLinkIntervalMs: 40 });
    await new Promise((r) => setTimeout(r, 200));
    expect(alive.counters.enquireLinksSent).toBeGreaterThan(1);
    expect(alive.counters.rxByCommand.enquire_link_resp).toBeGreaterThan(1);
    expect(alive.isBound).toBe(true);

    // a peer that accepts TCP but never answers anything
    const accepted: Socket[] = [];
    const mute = createServer((sock) => accepted.push(sock));
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    cleanups.push(() => {
      for (const sock of accepted) sock.destroy();
      return new Promise((r) => mute.close(r));
    });
    const addr = mute.address();
    const dead = await connectSmpp({
      host: '127.0.0.1',
      port: typeof addr === 'object' && addr ? addr.port : 0,
      enquireLinkIntervalMs: 30,
      linkDeadTimeoutMs: 60,
    });
    let linkDead = false;
    dead.on('linkDead', () => {
      linkDead = true;
    });
    await until(() => dead.state === 'closed');
    expect(linkDead).toBe(true);
  });

  it('unbinds gracefully after outstanding requests are answered', async () => {
    const { server, port } = await aServer();
    let unbound = false;
    server.on('session', (s) => {
      s.on('pdu', (p) => setTimeout(() => s.respond(p, { messageId: 'a' }), 30));
      s.on('unbind', () => {
        unbound = true;
      });
    });
    const client = await aClient(port);
    const r = client.request({ command: 'submit_sm', destinationAddr: '1' });
    await client.unbind();
    expect((await r).commandStatus).toBe(0);
    expect(unbound).toBe(true);
    expect(client.counters.rxByCommand.unbind_resp).toBe(1);
    await until(() => client.state === 'closed');
  });

  it('survives 10,000 malformed PDUs in a row: answers every one, stays bound', async () => {
    const { server, port } = await aServer();
    let session: SmppSession<string> | undefined;
    server.on('session', (s) => {
      session = s;
    });
    const peer = await rawPeer(port);
    peer.socket.write(
      encodePdu({ command: 'bind_transceiver', sequenceNumber: 1, systemId: 'op1', password: 'pw1' }),
    );
    await until(() => peer.got.length === 1);

    const bad: Buffer[] = [];
    for (let i = 0; i < 10_000; i++) {
      const seq = 100 + i;
      const kind = i % 4;
      if (kind === 0) {
        const p = encodePdu({ command: 'enquire_link', sequenceNumber: seq });
        p.writeUInt32BE(0x1234, 4); // unknown command id
        bad.push(p);
      } else if (kind === 1) {
        const p = Buffer.concat([encodePdu({ command: 'submit_sm', sequenceNumber: seq }).subarray(0, 20)]);
        p.writeUInt32BE(20, 0); // truncated body
        bad.push(p);
      } else if (kind === 2) {
        const p = Buffer.concat([
          encodePdu({ command: 'deliver_sm', sequenceNumber: seq }).subarray(0, 16),
          Buffer.alloc(30, 0x31),
        ]);
        p.writeUInt32BE(p.length, 0); // service_type never terminated
        bad.push(p);
      } else {
        const p = Buffer.concat([
          encodePdu({ command: 'submit_sm', sequenceNumber: seq }),
          Buffer.from([0x04, 0x24, 0xff]),
        ]);
        p.writeUInt32BE(p.length, 0); // broken TLV
        bad.push(p);
      }
    }
    peer.socket.write(Buffer.concat(bad));
    await until(() => peer.got.length === 10_001, 20_000);
    peer.socket.write(encodePdu({ command: 'enquire_link', sequenceNumber: 99_999 }));
    await until(() => peer.got.length === 10_002);

    const answers = peer.got.slice(1, 10_001);
    expect(answers.map((p) => p.sequenceNumber)).toEqual(Array.from({ length: 10_000 }, (_, i) => 100 + i));
    expect(answers.filter((p) => p.command === 'generic_nack')).toHaveLength(2500);
    expect(answers.every((p) => p.commandStatus !== 0)).toBe(true);
    expect(peer.got.at(-1)).toMatchObject({ command: 'enquire_link_resp', sequenceNumber: 99_999 });
    expect(session?.counters.malformed).toBe(10_000);
    expect(session?.isBound).toBe(true);
    expect(CommandId.generic_nack).toBe(0x80000000);
  });
});
