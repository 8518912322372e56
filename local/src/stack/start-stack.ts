import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DEMO_OPERATORS } from '@gong/seeds/demo';
import { dynamoDbLocalCommand } from '../cloud/dynamodb-local';
import { assertPortFree, waitForPort } from '../cloud/net';
import { localSecret } from '../env';
import { bootstrapData } from './bootstrap';
import { childEnv } from './child-env';
import type { StackConfig } from './stack-config';
import { type ChildSpec, Supervisor } from './supervisor';

export interface RunningStack {
  webUrl: string;
  apiUrl: string;
  endpoints: { dynamodb?: string; sqs?: string };
  supervisor: Supervisor;
  /** resolves with an exit code when the stack stops on its own (a critical process died) */
  failed: Promise<string>;
  stop(): Promise<void>;
}

const TSX = ['--import', 'tsx'];

/**
 * Starts the whole local cloud: emulators, tables/queues/seeds, the API and the analyzer behind
 * their Lambda shims, the worker fleet, the gateway simulator and the web app. Every failure to
 * start throws with a message that says what to do; a critical child dying later rejects `failed`.
 */
export async function startStack(config: StackConfig): Promise<RunningStack> {
  const { ports } = config;
  const checks: [number, string][] = [
    [ports.api, 'Gong API'],
    [ports.simEsme, 'gateway simulator (ESME port)'],
    ...Array.from(
      { length: config.slotCount },
      (_, slot) => [ports.fleetBase + slot, `worker slot ${slot}`] as [number, string],
    ),
  ];
  if (config.webMode !== 'off') checks.push([ports.web, 'Gong web app']);
  if (config.emulators) checks.push([ports.dynamodb, 'DynamoDB Local'], [ports.sqs, 'SQS emulator']);
  for (const [port, what] of checks) await assertPortFree(port, what);
  killStale(config.dataDir);

  let fail: (message: string) => void = () => {};
  const failed = new Promise<string>((resolve) => {
    fail = resolve;
  });
  const supervisor = new Supervisor(join(config.dataDir, 'logs'), (message) => fail(message), config.quiet);
  const stop = async () => {
    await supervisor.stopAll();
    rememberPids(config.dataDir, []);
  };
  const started = (name: string) => () => {
    const child = supervisor.get(name);
    return child && child.exitCode !== null ? `${name} exited with code ${child.exitCode}` : undefined;
  };

  try {
    const endpoints: { dynamodb?: string; sqs?: string } = {};
    if (config.emulators) {
      const dynamo = dynamoDbLocalCommand({
        port: ports.dynamodb,
        dataDir: config.persist ? join(config.dataDir, 'dynamodb') : undefined,
      });
      const base = { env: process.env, critical: true, restart: false };
      supervisor.start({ name: 'dynamodb', ...dynamo, ...base });
      supervisor.start({
        name: 'sqs',
        command: process.execPath,
        args: [...TSX, join(config.root, 'local/src/stack/sqs-main.ts'), String(ports.sqs)],
        cwd: config.root,
        ...base,
      });
      await Promise.all([
        waitForPort(ports.dynamodb, {
          timeoutMs: 60_000,
          what: 'DynamoDB Local',
          abort: started('dynamodb'),
        }),
        waitForPort(ports.sqs, { timeoutMs: 30_000, what: 'SQS emulator', abort: started('sqs') }),
      ]);
      endpoints.dynamodb = `http://127.0.0.1:${ports.dynamodb}`;
      endpoints.sqs = `http://127.0.0.1:${ports.sqs}`;
    }
    const env = {
      ...childEnv(process.env, {
        ports,
        endpoints,
        prefix: config.prefix,
        region: config.region,
        slotCount: config.slotCount,
        jwtSecret: localSecret('jwt'),
        nextAuthSecret: localSecret('nextauth'),
      }),
      ...config.extraEnv,
    };
    const seeded = await bootstrapData(config, endpoints);
    supervisor.print(
      'gong',
      `tables, queues and seeds ready (${seeded.created} seed items created, ${seeded.kept} kept)`,
    );

    const node = (
      name: string,
      script: string,
      args: string[],
      extra: Partial<ChildSpec> = {},
    ): ChildSpec => ({
      name,
      command: process.execPath,
      args: [...TSX, join(config.root, script), ...args],
      cwd: config.root,
      env,
      critical: true,
      restart: false,
      ...extra,
    });
    supervisor.start(node('api', 'local/src/lambda/api-main.ts', []));
    supervisor.start(node('lambdas', 'local/src/lambda/lambdas-main.ts', []));
    await waitForPort(ports.api, { timeoutMs: 60_000, what: 'Gong API', abort: started('api') });
    for (let slot = 0; slot < config.slotCount; slot++) {
      supervisor.start(
        node(`worker-${slot}`, 'local/src/cli/main.ts', ['worker', '--slot', String(slot)], {
          critical: false,
          restart: true,
        }),
      );
    }
    supervisor.start(
      node('sim', 'local/src/cli/main.ts', ['sim', ...simulatorArgs(config)], {
        critical: false,
        restart: true,
      }),
    );
    if (config.webMode !== 'off') {
      const web = join(config.root, 'web');
      const next = createRequire(join(web, 'package.json')).resolve('next/dist/bin/next');
      if (config.webMode === 'prod' && buildIsStale(web)) await buildWeb(supervisor, next, web, env);
      const mode = config.webMode === 'prod' ? 'start' : 'dev';
      supervisor.start({
        name: 'web',
        command: process.execPath,
        args: [next, mode, '-p', String(ports.web), '-H', '127.0.0.1'],
        cwd: web,
        env,
        critical: true,
        restart: false,
      });
      await waitForPort(ports.web, { timeoutMs: 120_000, what: 'Gong web app', abort: started('web') });
    }
    rememberPids(config.dataDir, supervisor.pids());
    return {
      webUrl: `http://127.0.0.1:${ports.web}`,
      apiUrl: `http://127.0.0.1:${ports.api}`,
      endpoints,
      supervisor,
      failed,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The simulator plays the demo tenant's gateway: it binds to each seeded operator's worker slot. */
function simulatorArgs(config: StackConfig): string[] {
  const binds = DEMO_OPERATORS.filter((o) => o.tenantId === 'demo').flatMap((o) => [
    '--bind',
    `127.0.0.1:${config.ports.fleetBase + o.slot}:${o.bindSystemId}:${o.bindPassword}`,
  ]);
  return [...binds, '--esme-port', String(config.ports.simEsme)];
}

function buildIsStale(web: string): boolean {
  const buildId = join(web, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return newestMtime(join(web, 'src')) > built || newestMtime(join(web, '..', 'core', 'src')) > built;
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

async function buildWeb(
  supervisor: Supervisor,
  next: string,
  web: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  supervisor.print('web', 'building the web app for production (next build)…');
  const child = supervisor.start({
    name: 'web-build',
    command: process.execPath,
    args: [next, 'build'],
    cwd: web,
    env,
    critical: false,
    restart: false,
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0)
    throw new Error(`next build failed with code ${code}; see ${join('.gong', 'logs', 'web-build.log')}`);
}

/** Processes of a previous run that was killed hard (kill -9) would hold our ports: end them. */
function killStale(dataDir: string): void {
  const file = join(dataDir, 'pids.json');
  if (!existsSync(file)) return;
  try {
    for (const pid of JSON.parse(readFileSync(file, 'utf8')) as number[]) {
      try {
        // only what is still one of ours (pids get reused)
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dirname(dataDir))) continue;
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  } catch {
    /* unreadable: ignore */
  }
}

function rememberPids(dataDir: string, pids: number[]): void {
  try {
    writeFileSync(join(dataDir, 'pids.json'), JSON.stringify(pids));
  } catch {
    /* data dir not writable: nothing to remember */
  }
}
