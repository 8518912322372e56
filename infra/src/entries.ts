import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the Docker build context and the esbuild project root. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Source files the CDK app deploys, relative to the repository root. Other packages own them. */
export interface GongEntries {
  api: string;
  analyzer: string;
  scheduler: string;
  runControl: string;
  /** the worker's main module, bundled by smpp-fleet/Dockerfile */
  worker: string;
  fleetDockerfile: string;
  webDockerfile: string;
}

export const ENTRIES: GongEntries = {
  api: 'functions/src/api/handler.ts',
  analyzer: 'functions/src/analyzer/handler.ts',
  scheduler: 'functions/src/scheduler/handler.ts',
  runControl: 'functions/src/run-control/handler.ts',
  worker: 'smpp-fleet/src/worker/main.ts',
  fleetDockerfile: 'smpp-fleet/Dockerfile',
  webDockerfile: 'web/Dockerfile',
};

export function missingEntries(entries: GongEntries, root: string = REPO_ROOT): string[] {
  return Object.values(entries).filter((file) => !existsSync(path.join(root, file)));
}

/** Fails synth early with one clear message instead of a NodejsFunction stack trace per file. */
export function assertEntriesExist(entries: GongEntries, root: string = REPO_ROOT): void {
  const missing = missingEntries(entries, root);
  if (missing.length > 0) {
    throw new Error(
      `Gong CDK app: missing source files (each must exist before synth):\n  ${missing.join('\n  ')}`,
    );
  }
}
