import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCHED = path.resolve('smpp-fleet/src/thread-sched.ts');
const DELAY_LINE = path.resolve('smpp-fleet/src/sim/delay-line.ts');

// In a child process (the hints stay with the threads they were given to): the scheduler's own view
// of each thread, from /proc, after a delay line starts its alarm thread, after the main thread asks
// for a short slice, and after the main thread turns itself into a background thread.
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { currentTid, preferLowLatency, runInBackground } from ${JSON.stringify(SCHED)};
import { DelayLine } from ${JSON.stringify(DELAY_LINE)};
const slice = (tid) => Number(/se\\.slice\\s*:\\s*(\\d+)/.exec(readFileSync('/proc/self/task/' + tid + '/sched', 'utf8'))?.[1]);
const shortThreads = () => readdirSync('/proc/self/task').map(Number).filter((t) => slice(t) === 100000);
const main = currentTid();
const before = slice(main);
const line = new DelayLine();
await new Promise((r) => line.after(5, r));
await new Promise((r) => setTimeout(r, 50));
const alarmOnly = shortThreads();
const asked = preferLowLatency();
const short = shortThreads();
const background = runInBackground(10);
process.stdout.write(JSON.stringify({
  main, pid: process.pid, before, alarmOnly, asked, short, background,
  after: { slice: slice(main), nice: getPriority(main) },
}));
await line.close();
`;

/** Linux 6.12 and later honour a thread's own slice (sched_setattr's sched_runtime for SCHED_OTHER). */
const [major = 0, minor = 0] = release().split('.').map(Number);
const kernelHasSlices = process.platform === 'linux' && (major > 6 || (major === 6 && minor >= 12));

describe('thread scheduling hints', () => {
  it('gives the SMPP thread and the delay line alarm a short slice, and background threads a default slice and a higher nice', async () => {
    // a file, not -e: --input-type=module would make the alarm thread's CommonJS an ES module
    const dir = mkdtempSync(path.join(tmpdir(), 'gong-sched-'));
    const file = path.join(dir, 'child.mts');
    writeFileSync(file, CHILD);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
    const r = JSON.parse(stdout);
    if (kernelHasSlices) {
      expect(r.before).toBeGreaterThan(100_000);
      // the alarm thread asks for itself, whatever the thread that started it does
      expect(r.alarmOnly).toHaveLength(1);
      expect(r.alarmOnly).not.toContain(r.main);
      expect(r.asked).toEqual({ applied: true });
      // then the main thread too, and nothing else
      expect(r.short.sort()).toEqual([r.main, ...r.alarmOnly].sort());
      expect(r.background).toEqual({ applied: true });
      expect(r.after).toEqual({ slice: r.before, nice: 10 });
    } else {
      expect(r.asked).toMatchObject({ applied: false });
      expect([...r.alarmOnly, ...r.short]).toEqual([]);
      expect(r.after.nice).toBe(10);
    }
  });
});
