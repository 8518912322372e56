#!/usr/bin/env node
// `npm test`: checks the prerequisites, runs every vitest project and ends with one plain summary
// line ("vitest: N passed, N failed, N skipped") that CI can read.
// The browser (e2e) project runs on its own after unit + integration: it starts the whole stack
// and a browser, and sharing two cores with the other projects' processes makes it flaky.
// Extra arguments (files, -t filters, --project) run a single vitest invocation as given.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const prereqs = spawnSync(
  process.execPath,
  [join(root, 'local/bin/gong.mjs'), 'check-prereqs', '--for', 'test'],
  {
    stdio: 'inherit',
  },
);
if (prereqs.status !== 0) process.exit(prereqs.status ?? 1);

mkdirSync(join(root, 'artifacts'), { recursive: true });
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env };
const extra = process.argv.slice(2);
const stages = extra.length
  ? [extra]
  : [
      ['--project', 'unit', '--project', 'integration'],
      ['--project', 'e2e'],
    ];

let current;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => current?.kill(signal));

function run(args, report) {
  rmSync(report, { force: true });
  return new Promise((resolve) => {
    current = spawn(
      process.execPath,
      [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
      {
        cwd: root,
        stdio: 'inherit',
        env,
      },
    );
    current.on('exit', (code) => resolve(code ?? 1));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
for (const [i, args] of stages.entries()) {
  const report = join(root, 'artifacts', `vitest-report-${i}.json`);
  const code = await run(args, report);
  if (code !== 0) exitCode = code;
  if (existsSync(report)) {
    try {
      const r = JSON.parse(readFileSync(report, 'utf8'));
      totals.passed += r.numPassedTests ?? 0;
      totals.failed += r.numFailedTests ?? 0;
      totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    } catch {
      /* the default reporter already said what happened */
    }
  }
}
console.log(`\nvitest: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
