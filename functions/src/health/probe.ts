import { connect } from 'node:net';

export interface ProbeResult {
  ok: boolean;
  ms: number;
  error?: string;
}

export type ProbeFn = (host: string, port: number, timeoutMs: number) => Promise<ProbeResult>;

/** TCP reachability: can we open a connection to host:port within the timeout? */
export const tcpProbe: ProbeFn = (host, port, timeoutMs) =>
  new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host, port });
    let done = false;
    const finish = (ok: boolean, error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const ms = Math.round(performance.now() - started);
      resolve(error === undefined ? { ok, ms } : { ok, ms, error });
    };
    const timer = setTimeout(() => finish(false, `no answer within ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('error', (e: NodeJS.ErrnoException) => finish(false, e.code ?? e.message));
  });
