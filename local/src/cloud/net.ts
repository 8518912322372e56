import { createConnection, createServer } from 'node:net';

/** A port the OS says is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when nothing listens on the port; rejects with a clear message when something does. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `port ${port} (${what}) is already in use on 127.0.0.1 — stop whatever holds it or choose another port`
            : `cannot listen on 127.0.0.1:${port} for ${what}: ${e.message}`,
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until a TCP connect succeeds; fails after `timeoutMs` or as soon as `abort()` says so. */
export async function waitForPort(
  port: number,
  options: { host?: string; timeoutMs: number; what: string; abort?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const host = options.host ?? '127.0.0.1';
  while (Date.now() < deadline) {
    const reason = options.abort?.();
    if (reason) throw new Error(`${options.what} did not start: ${reason}`);
    if (await canConnect(port, host)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${options.what} did not open ${host}:${port} within ${options.timeoutMs / 1000} s`);
}

/** The first of `count` consecutive ports that are all free right now (for worker slots). */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await freePort();
    if (base + count > 65535) continue;
    const free = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        assertPortFree(base + i, 'probe').then(
          () => true,
          () => false,
        ),
      ),
    );
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found on 127.0.0.1`);
}
