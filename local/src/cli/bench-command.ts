import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { env } from '../env';

const BENCHES: Record<string, string> = {
  smpp: 'smpp-fleet/bench/smpp-bench.ts',
  fleet: 'smpp-fleet/bench/fleet-bench.ts',
  strategy: 'tests/bench/strategy-bench.ts',
  analyzer: 'functions/bench/analyzer-bench.ts',
};

/** `gong bench <name>`: the same scripts as `npm run bench:<name>`. */
export async function benchCommand(argv: string[]): Promise<number> {
  const name = argv[0];
  const script = name ? BENCHES[name] : undefined;
  if (!script) {
    console.error(`usage: gong bench <${Object.keys(BENCHES).join('|')}>`);
    return 2;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', join(env.GONG_ROOT, script), ...argv.slice(1)], {
    cwd: env.GONG_ROOT,
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
