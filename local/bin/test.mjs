#!/usr/bin/env node
// `npm test`: checks the prerequisites, runs every vitest project (unit, integration, e2e) and ends
// with one plain summary line ("vitest: N passed, N failed, N skipped") that CI can read.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const prereqs = spawnSync(
  process.execPath,
  [join(root, 'local/bin/gong.mjs'), 'check-prereqs', '--for', 'test'],
  { stdio: 'inherit' },
);
if (prereqs.status !== 0) process.exit(prereqs.status ?? 1);

mkdirSync(join(root, 'artifacts'), { recursive: true });
const report = join(root, 'artifacts', 'vitest-report.json');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = [
  vitest,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env };
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => {
  if (existsSync(report)) {
    try {
      const r = JSON.parse(readFileSync(report, 'utf8'));
      const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
      console.log(`\nvitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
    } catch {
      /* the default reporter already said what happened */
    }
  }
  process.exit(code ?? 1);
});
