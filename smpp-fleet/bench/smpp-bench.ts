/**
 * npm run bench:smpp — (a) codec encode+decode PDUs/s (in process); (b) deliver_sm → deliver_sm_resp
 * ping-pong over loopback, window 1000, 50k messages, Gong session on both sides; (c) the same loop
 * with the npm `smpp` 0.5.1 package on both sides (window kept by hand, as it has none).
 * In (b) and (c) the answering peer runs in a separate child process (child_process.fork), so each
 * side has its own event loop and core, like a real gateway and worker. Last line: RESULT {...}.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connectAndBind } from '../src/smpp/client';
import { decodePdu } from '../src/smpp/decode';
import { encodeInto } from '../src/smpp/encode';
import type { PduInput } from '../src/smpp/pdu';
import { SmppServer } from '../src/smpp/server';
import { loadNpmSmpp, type NpmSmppSession } from './npm-smpp';

const MESSAGES = 50_000;
const WINDOW = 1000;
const CODEC_PDUS = 2_000_000;
const TEXT = 'Your balance is 42 EUR';

const npmSmpp = loadNpmSmpp();

function codecBench(): number {
  const pool = Buffer.allocUnsafe(1 << 20);
  const sm = Buffer.from(TEXT);
  const deliver: PduInput = {
    command: 'deliver_sm',
    sequenceNumber: 1,
    sourceAddrTon: 1,
    sourceAddrNpi: 1,
    sourceAddr: '40721000001',
    destinationAddr: '1234',
    shortMessage: sm,
  };
  const resp: PduInput = { command: 'deliver_sm_resp', sequenceNumber: 1, messageId: '' };
  const run = (n: number) => {
    let off = 0;
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const len = encodeInto(i & 1 ? resp : deliver, pool, off);
      const d = decodePdu(pool, off);
      if ('sequenceNumber' in d && d.sequenceNumber === 1) ok++;
      off += len;
      if (off > pool.length - 1024) off = 0;
    }
    if (ok !== n) throw new Error(`codec bench decoded ${ok}/${n}`);
  };
  run(200_000); // warm up
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  run(CODEC_PDUS);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `codec: ${Math.round(CODEC_PDUS / cpuSeconds).toLocaleString()} PDUs per CPU-second (wall/CPU ${(wall / cpuSeconds).toFixed(2)})`,
  );
  // one PDU = encoded once and decoded once
  return CODEC_PDUS / wall;
}

function startPeer(kind: 'gong' | 'npm', port: number): Promise<() => void> {
  const child = fork(fileURLToPath(import.meta.url), ['peer', kind, String(port)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(() => child.kill()));
    child.once('exit', (code) => reject(new Error(`peer ${kind} exited with ${code}`)));
  });
}

async function gongPingPong(): Promise<number> {
  const server = new SmppServer<string>({ windowSize: WINDOW, enquireLinkIntervalMs: 0 });
  const bound = new Promise<import('../src/smpp/session').SmppSession<string>>((resolve) =>
    server.on('session', (s) => s.once('bound', () => resolve(s))),
  );
  const port = await server.listen(0);
  const stopPeer = await startPeer('gong', port);
  const s = await bound;
  const sm = Buffer.from(TEXT);
  const pdu: PduInput = {
    command: 'deliver_sm',
    sourceAddr: '40721000001',
    destinationAddr: '1234',
    shortMessage: sm,
  };
  const round = (n: number) =>
    new Promise<void>((resolve, reject) => {
      let done = 0;
      const cb = (err: Error | null) => {
        if (err) reject(err);
        else if (++done === n) resolve();
      };
      for (let i = 0; i < n; i++) s.requestCb(pdu, cb);
    });
  await round(5000); // warm up
  const t0 = performance.now();
  await round(MESSAGES);
  const rate = MESSAGES / ((performance.now() - t0) / 1000);
  stopPeer();
  await server.close();
  return rate;
}

async function npmPingPong(): Promise<number> {
  let session: NpmSmppSession | undefined;
  const ready = new Promise<NpmSmppSession>((resolve) => {
    const server = npmSmpp.createServer((s) => {
      s.on('bind_transceiver', (pdu) => {
        s.send(pdu.response());
        session = s;
        resolve(s);
      });
      s.on('error', () => {});
    });
    server.listen(0, '127.0.0.1', () => {
      void startPeer('npm', server.address().port).then((stop) => {
        stopNpm = () => {
          stop();
          session?.destroy();
          server.close();
        };
      });
    });
  });
  let stopNpm = () => {};
  const s = await ready;
  const round = (n: number) =>
    new Promise<void>((resolve) => {
      let sent = 0;
      let done = 0;
      const onResp = () => {
        done++;
        if (sent < n) send();
        if (done === n) resolve();
      };
      const send = () => {
        sent++;
        s.deliver_sm({ source_addr: '40721000001', destination_addr: '1234', short_message: TEXT }, onResp);
      };
      while (sent < Math.min(WINDOW, n)) send();
    });
  await round(5000);
  const t0 = performance.now();
  await round(MESSAGES);
  const rate = MESSAGES / ((performance.now() - t0) / 1000);
  stopNpm();
  return rate;
}

async function peer(kind: string, port: number): Promise<void> {
  if (kind === 'gong') {
    const s = await connectAndBind({
      host: '127.0.0.1',
      port,
      bind: { mode: 'transceiver', systemId: 'bench', password: 'bench' },
      enquireLinkIntervalMs: 0,
    });
    s.on('pdu', (p) => {
      if (p.command === 'deliver_sm') s.respond(p);
    });
    s.on('close', () => process.exit(0));
  } else {
    const s = npmSmpp.connect({ host: '127.0.0.1', port });
    s.bind_transceiver({ system_id: 'bench', password: 'bench' }, () => {});
    s.on('deliver_sm', (p) => s.send(p.response()));
    s.on('close', () => process.exit(0));
  }
  process.send?.('ready');
}

async function main(): Promise<void> {
  const codecPdusPerSec = codecBench();
  console.log(
    `codec: ${Math.round(codecPdusPerSec).toLocaleString()} PDUs/s (encode+decode, deliver_sm/deliver_sm_resp)`,
  );
  const gongMsgsPerSec = await gongPingPong();
  console.log(
    `gong ping-pong: ${Math.round(gongMsgsPerSec).toLocaleString()} msgs/s (window ${WINDOW}, ${MESSAGES} msgs, peer in a child process)`,
  );
  const smppPkgMsgsPerSec = await npmPingPong();
  console.log(`npm smpp ping-pong: ${Math.round(smppPkgMsgsPerSec).toLocaleString()} msgs/s (same loop)`);
  const result = {
    codecPdusPerSec: Math.round(codecPdusPerSec),
    gongMsgsPerSec: Math.round(gongMsgsPerSec),
    smppPkgMsgsPerSec: Math.round(smppPkgMsgsPerSec),
    ratio: Math.round((gongMsgsPerSec / smppPkgMsgsPerSec) * 100) / 100,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

if (process.argv[2] === 'peer') {
  await peer(process.argv[3] ?? 'gong', Number(process.argv[4]));
} else {
  await main();
  process.exit(0);
}
