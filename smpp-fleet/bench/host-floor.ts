/**
 * The host's latency floor for bench:fleet phase (c): the least any pair of Node processes can do on
 * this machine at (c)'s rate and delay. A client sends 8-byte frames over loopback TCP at the same
 * rate, an echo server sends each back after the same fixed delay on the simulator's delay line, and
 * the client measures each round trip from its actual send into a histogram of the worker's
 * precision. No SMPP, no correlation, no records, no queues: what it measures above the delay is the
 * machine (scheduling, wake-ups, the hypervisor), so (c)'s p99 minus this p99 is what Gong adds.
 */
import { createConnection, createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Histogram } from '@gong/core/stats/histogram';
import { DelayLine } from '../src/sim/delay-line';
import { preferLowLatency } from '../src/thread-sched';

const FRAME = 8;

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Calls `onFrame` for each whole frame the socket receives: `at` is its offset in `data`,
 * `receivedAt` when its chunk was read (performance.now()).
 */
function onFrames(socket: Socket, onFrame: (data: Buffer, at: number, receivedAt: number) => void): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    const receivedAt = performance.now();
    const data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    for (; at + FRAME <= data.length; at += FRAME) onFrame(data, at, receivedAt);
    pending = Buffer.from(data.subarray(at));
  });
}

/** Echo server: every frame goes back unchanged `delayMs` after it arrived. Prints `listening <port>`. */
export function floorEchoRole(delayMs: number): void {
  preferLowLatency(); // as Gong's simulator does, or this would not be the least a Node pair does
  const line = new DelayLine();
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => {});
    onFrames(socket, (data, at) => {
      const frame = Buffer.from(data.subarray(at, at + FRAME));
      line.after(delayMs, () => socket.write(frame));
    });
  });
  void line.ready.then(() =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
    }),
  );
  process.on('SIGTERM', () => {
    void line.close();
    server.close();
    process.exit(0);
  });
}

/**
 * Client: `rate` frames a second for `warmSec + seconds`, sent on a 1-ms tick (all frames due by
 * then in one write), round trips of the last `seconds` recorded. Prints one JSON line and exits.
 */
export async function floorClientRole(
  port: number,
  rate: number,
  seconds: number,
  warmSec: number,
): Promise<void> {
  preferLowLatency(); // as Gong's worker does
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = createConnection({ host: '127.0.0.1', port, noDelay: true }, () => resolve(s));
    s.once('error', reject);
  });
  const total = Math.round(rate * (warmSec + seconds));
  const measuredFrom = Math.round(rate * warmSec);
  const sentAt = new Float64Array(total);
  const latency = new Histogram();
  let answered = 0;
  onFrames(socket, (data, at, receivedAt) => {
    const seq = data.readUInt32LE(at);
    answered++;
    if (seq >= measuredFrom) latency.record(receivedAt - (sentAt[seq] as number));
  });
  const startedAt = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) * rate) / 1000) + 1);
      if (due > next) {
        const out = Buffer.alloc((due - next) * FRAME);
        const now = performance.now();
        for (let i = 0; next < due; next++, i += FRAME) {
          out.writeUInt32LE(next, i);
          sentAt[next] = now;
        }
        socket.write(out);
      }
      if (next >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  const drainBy = performance.now() + 2000;
  while (answered < total && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 10));
  socket.destroy();
  const report = {
    n: latency.count,
    lost: total - answered,
    p50: round2(latency.quantile(0.5)),
    p99: round2(latency.quantile(0.99)),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}
