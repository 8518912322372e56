import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, freePortRange, waitForPort } from '@gong/local/cloud/net';
import { type RunningStack, startStack } from '@gong/local/stack/start-stack';
import { afterAll, describe, expect, it } from 'vitest';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The local cloud as `npm start` runs it (without the web app), on free ports, data in a temp dir. */
describe('local cloud', () => {
  let stack: RunningStack | undefined;
  afterAll(async () => {
    await stack?.stop();
  });

  it('starts, reports DynamoDB and SQS healthy, restarts a worker that stops, and fails loudly when DynamoDB Local dies', async () => {
    const fleetBase = await freePortRange(2);
    stack = await startStack({
      root: resolve(import.meta.dirname, '..', '..', '..'),
      dataDir: mkdtempSync(join(tmpdir(), 'gong-stack-')),
      ports: {
        web: await freePort(),
        api: await freePort(),
        dynamodb: await freePort(),
        sqs: await freePort(),
        simEsme: await freePort(),
        fleetBase,
      },
      slotCount: 2,
      prefix: 'stack',
      region: 'us-east-1',
      emulators: true,
      persist: true,
      webMode: 'off',
      quiet: true,
    });
    const health = await (await fetch(`${stack.apiUrl}/health`)).json();
    expect(health).toMatchObject({ ok: true, dynamodb: { ok: true }, sqs: { ok: true } });

    // a worker is an ECS service: when its task stops (here SIGTERM, as ECS stops one), another takes
    // its slot and the gateway can bind to the slot's port again
    await waitForPort(fleetBase, { timeoutMs: 60_000, what: 'worker-0' });
    const first = stack.supervisor.get('worker-0');
    if (first === undefined) throw new Error('the stack started no worker-0');
    const exited = new Promise((r) => first.once('exit', (code) => r(code)));
    first.kill('SIGTERM');
    expect(await exited).toBe(0);
    const deadline = Date.now() + 30_000;
    while (stack.supervisor.get('worker-0') === first && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const second = stack.supervisor.get('worker-0');
    expect(second).not.toBe(first);
    expect(alive(second?.pid as number)).toBe(true);
    await waitForPort(fleetBase, { timeoutMs: 60_000, what: 'restarted worker-0' });

    const pids = stack.supervisor.pids();
    const dynamo = stack.supervisor.get('dynamodb');
    expect(dynamo?.pid).toBeTypeOf('number');
    process.kill(dynamo?.pid as number, 'SIGKILL');
    const message = await Promise.race([
      stack.failed,
      new Promise<string>((_, reject) =>
        setTimeout(() => reject(new Error('no failure reported within 10 s')), 10_000),
      ),
    ]);
    expect(message).toMatch(/^dynamodb killed by SIGKILL — the local cloud cannot run without it/);

    await stack.stop();
    stack = undefined;
    expect(pids.filter(alive)).toEqual([]);
  });

  it('refuses to start on a port that is taken, naming it', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      await expect(
        startStack({
          root: resolve(import.meta.dirname, '..', '..', '..'),
          dataDir: mkdtempSync(join(tmpdir(), 'gong-stack-')),
          ports: {
            web: await freePort(),
            api: port,
            dynamodb: await freePort(),
            sqs: await freePort(),
            simEsme: await freePort(),
            fleetBase: await freePortRange(1),
          },
          slotCount: 1,
          prefix: 'stack2',
          region: 'us-east-1',
          emulators: true,
          persist: false,
          webMode: 'off',
          quiet: true,
        }),
      ).rejects.toThrow(`port ${port} (Gong API) is already in use`);
    } finally {
      blocker.close();
    }
  });
});
