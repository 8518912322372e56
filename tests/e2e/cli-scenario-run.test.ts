import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { gong, REPO_ROOT } from '../support/gong-cli';

/**
 * Issue #5's end-to-end check: a scenario file driven headless by `gong run` against the local
 * stack, through the fleet and the gateway simulator, with thresholds and reports.
 */
describe('gong run <scenario.xml> on the local stack', () => {
  it('runs the demo balanced-growth scenario through the simulator and passes its thresholds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gong-e2e-cli-'));
    const scenario = join(dir, 'demo.xml');
    writeFileSync(
      scenario,
      readFileSync(join(REPO_ROOT, 'seeds/scenarios/demo-balanced-growth.xml'), 'utf8').replace(
        '<time max="30"/>',
        '<time max="12"/>',
      ),
    );
    const out = join(dir, 'result.json');
    const junit = join(dir, 'report.xml');
    const result = await gong(
      [
        'run',
        scenario,
        '--api',
        inject('apiUrl'),
        '--email',
        'stress@demo.gong',
        '--password',
        'gong-demo-pass',
        '--threshold',
        'p95<2000ms',
        '--threshold',
        'drop<5%',
        '--out',
        out,
        '--junit',
        junit,
      ],
      { GONG_DATA_DIR: dir },
      240_000,
    );
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/started run \S+/);
    const { report } = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.state).toBe('finished');
    expect(report.totals.sent).toBeGreaterThan(500);
    expect(report.totals.valid).toBeGreaterThan(0.95 * report.totals.sent);
    expect(readFileSync(junit, 'utf8')).toMatch(/tests="2" failures="0"/);
  });
});
