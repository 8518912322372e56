import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, freePortRange } from '@gong/local/cloud/net';
import { startStack } from '@gong/local/stack/start-stack';
import type { TestProject } from 'vitest/node';

/**
 * vitest globalSetup for the e2e project: the whole local cloud (emulators in memory, API,
 * analyzer, fleet, simulator, the production web build) on free 127.0.0.1 ports, for the run.
 * Logs of every process go to <stackDir>/logs.
 */
export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, '..', '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'gong-e2e-'));
  const stack = await startStack({
    root,
    dataDir,
    ports: {
      web: await freePort(),
      api: await freePort(),
      dynamodb: await freePort(),
      sqs: await freePort(),
      simEsme: await freePort(),
      fleetBase: await freePortRange(2),
    },
    slotCount: 2,
    prefix: 'e2e',
    region: 'us-east-1',
    emulators: true,
    persist: false,
    webMode: 'prod',
    quiet: true,
  });
  stack.failed.then((message) => console.error(`e2e stack: ${message} (logs in ${dataDir}/logs)`));
  project.provide('apiUrl', stack.apiUrl);
  project.provide('webUrl', stack.webUrl);
  project.provide('stackDir', dataDir);
  return async () => {
    await stack.stop();
  };
}
