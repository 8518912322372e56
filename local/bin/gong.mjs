#!/usr/bin/env node
// The `gong` launcher. Plain JavaScript on purpose: it runs before dependencies exist, checks the
// prerequisites, installs dependencies when they are missing, then hands over to the TypeScript CLI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(message) {
  process.stderr.write(`\ngong: ${message}\n\n`);
  process.exit(1);
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20)
  fail(`Node.js 20 or newer is required; this is ${process.version}. Install Node 20+ and retry.`);

if (
  !existsSync(join(root, 'node_modules', 'tsx')) ||
  !existsSync(join(root, 'node_modules', '.package-lock.json'))
) {
  process.stderr.write('gong: dependencies are not installed yet — running "npm install" first…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) fail('"npm install" failed; see the output above.');
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'local', 'src', 'cli', 'main.ts'), ...process.argv.slice(2)],
  {
    cwd: process.cwd(),
    stdio: 'inherit',
    // Node 20 is supported here; the SDK's notice about its 2027 releases is noise on every start
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env, GONG_ROOT: root },
  },
);
// Ctrl-C reaches the child directly (same process group); the launcher only waits for it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 1 : 1)));
