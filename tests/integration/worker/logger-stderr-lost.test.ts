import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const LOGGER = path.resolve('smpp-fleet/src/worker/logger.ts');

// logs every 5 ms and, like the worker's main, logs its uncaught errors; after 1.5 s reports the CPU it used
const CHILD = `
import { jsonLogger } from ${JSON.stringify(LOGGER)};
const log = jsonLogger({ svc: 'test' });
process.on('uncaughtException', (err) => log.error('uncaught exception', { err: String(err.stack ?? err) }));
const start = process.cpuUsage();
setInterval(() => log.info('tick'), 5);
setTimeout(() => {
  process.stdout.write(JSON.stringify(process.cpuUsage(start)) + '\\n');
  process.exit(0);
}, 1500);
process.stdout.write('ready\\n');
`;

describe('worker logger', () => {
  it('stops logging, instead of spinning on its own errors, when nobody reads stderr any more', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    expect((await out.next()).value).toBe('ready');
    const [first] = (await once(child.stderr, 'data')) as [Buffer];
    expect(JSON.parse(first.toString().split('\n')[0] as string)).toMatchObject({
      level: 'info',
      msg: 'tick',
    });
    // the reader goes away: the next writes fail with EPIPE
    child.stderr.destroy();
    const usage = JSON.parse((await out.next()).value as string) as { user: number; system: number };
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    // a write-error loop keeps a core busy for the whole 1.5 s; logging every 5 ms costs a few percent
    expect((usage.user + usage.system) / 1000).toBeLessThan(500);
  });
});
