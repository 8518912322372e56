import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gong, REPO_ROOT } from '../../support/gong-cli';

/** `gong run` with a Local (calibration) scenario: no gateway, real CLI process, real exit codes. */
describe('gong run (Local scenario)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gong-cli-'));
  const scenario = join(dir, 'calibration.xml');
  writeFileSync(
    scenario,
    readFileSync(join(REPO_ROOT, 'seeds/scenarios/local-calibration.xml'), 'utf8').replace(
      '<time max="5"/>',
      '<time max="1"/>',
    ),
  );

  it('exits 0 when every threshold holds and writes JUnit and JSON reports', async () => {
    const junit = join(dir, 'ok.xml');
    const out = join(dir, 'ok.json');
    const result = await gong(['run', scenario, '--threshold', 'p95<2s', '--junit', junit, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ p95<2s/);
    expect(readFileSync(junit, 'utf8')).toMatch(/tests="1" failures="0"/);
    const report = JSON.parse(readFileSync(out, 'utf8')).report;
    expect(report.totals.sent).toBeGreaterThan(0);
    expect(report.passed).toBe(true);
  });

  it('exits 99 when a threshold fails and marks it in the JUnit report', async () => {
    const junit = join(dir, 'fail.xml');
    const result = await gong(['run', scenario, '--threshold', 'p95<0.001ms', '--junit', junit]);
    expect(result.code).toBe(99);
    expect(readFileSync(junit, 'utf8')).toMatch(
      /failures="1"[\s\S]*<failure message="p95&lt;0.001ms: actual/,
    );
  });

  it('exits 2 with the line and element for a bad file, and for a bad threshold', async () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<configuration>\n  <clients number="many"/>\n</configuration>\n');
    const result = await gong(['run', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2.*<clients>/);
    const threshold = await gong(['run', scenario, '--threshold', 'p97<1ms']);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/threshold "p97<1ms" is not understood/);
  });
});
