import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AwsConfig } from '@gong/core/adapters/aws/clients';
import { SqsQueue } from '@gong/core/adapters/aws/sqs-queue';
import { commandQueue, RESULTS_QUEUE } from '@gong/core/infra/resources';
import { decodeBody, encodeBody } from '@gong/core/messages/codec';
import type { FleetCommand } from '@gong/core/messages/fleet-command';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import { freePort } from '@gong/local/cloud/net';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** A real `gong worker --slot 0` child process on the shared emulators, plus queue helpers. */
export interface WorkerProcess {
  proc: ChildProcess;
  port: number;
  stderr: string[];
  queue: SqsQueue;
  command(c: FleetCommand): Promise<void>;
  /** drains the results queue (acking) and returns what was there */
  drain(waitSeconds?: number): Promise<WorkerEvent[]>;
  /** SIGTERM, resolves with the exit code */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startWorkerProcess(
  aws: AwsConfig,
  extraEnv: Record<string, string> = {},
): Promise<WorkerProcess> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'smpp-fleet/src/worker/main.ts'), '--slot', '0'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_NO_WARNINGS: '1',
        AWS_REGION: aws.region,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: aws.dynamodbEndpoint,
        AWS_ENDPOINT_URL_SQS: aws.sqsEndpoint,
        GONG_PREFIX: aws.prefix,
        GONG_SLOT_COUNT: '1',
        GONG_FLEET_BASE_PORT: String(port),
        GONG_WORKER_HOST: '127.0.0.1',
        GONG_COMMAND_WAIT_SEC: '1',
        GONG_STATUS_INTERVAL_MS: '300',
        GONG_RESULTS_LINGER_MS: '200',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  createInterface({ input: proc.stderr as NodeJS.ReadableStream }).on('line', (l) => stderr.push(l));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`worker did not start:\n${stderr.join('\n')}`)), 60_000);
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (l) => {
      if (l.includes('"ready":true')) {
        clearTimeout(t);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(t);
      reject(new Error(`worker exited with ${code}:\n${stderr.join('\n')}`));
    });
  });
  const queue = new SqsQueue(aws);
  return {
    proc,
    port,
    stderr,
    queue,
    command: async (c) => {
      await queue.send(commandQueue(0).name, [encodeBody(c)]);
    },
    drain: async (waitSeconds = 0) => {
      const out: WorkerEvent[] = [];
      for (;;) {
        const got = await queue.receive(RESULTS_QUEUE.name, { max: 10, waitSeconds });
        if (got.length === 0) return out;
        for (const m of got) out.push(decodeBody(WorkerEvent, m.body));
        await queue.ack(
          RESULTS_QUEUE.name,
          got.map((m) => m.receipt),
        );
      }
    },
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill(signal);
      const t = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

export async function until<T>(
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
