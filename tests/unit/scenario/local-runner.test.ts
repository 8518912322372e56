import { readFileSync } from 'node:fs';
import { ManualClock } from '@gong/core/ports/clock';
import { seededRng } from '@gong/core/rng';
import { parseScenarioXml } from '@gong/core/scenario/from-xml';
import { type LocalRunResult, runLocalScenario } from '@gong/core/scenario/local-runner';
import type { Scenario } from '@gong/core/scenario/model';
import { describe, expect, it } from 'vitest';

function local(
  cmds: string,
  opts: { clients?: number; time?: number; iterations?: number; mode?: string } = {},
): Scenario {
  return parseScenarioXml(`<configuration>
  <clients number="${opts.clients ?? 2}"/>
  <time max="${opts.time ?? 1}"/>
  <gong:strategy kind="full-force" ratePerNumber="1"/>
  <runProtocol name="Local" mode="${opts.mode ?? 'normal'}">
    ${opts.iterations ? `<iterations max="${opts.iterations}"/>` : ''}
    <retValues>
      <timeSpent units="s" sta="vds" typecode="Float"/>
      <wallClock units="s" sta="mean" typecode="Float"/>
      <threadNumber units=" " sta="none" typecode="Int"/>
    </retValues>
    ${cmds}
  </runProtocol>
</configuration>`);
}

/** Runs with a manual clock advanced 10 ms at a time until the run ends. */
async function drive(scenario: Scenario, seed = 1): Promise<LocalRunResult> {
  const clock = new ManualClock(0);
  let result: LocalRunResult | undefined;
  const running = runLocalScenario(scenario, { clock, rng: seededRng(seed) }).then((r) => {
    result = r;
  });
  for (let i = 0; i < 100_000 && !result; i++) {
    await new Promise((r) => setImmediate(r));
    clock.advance(10);
  }
  await running;
  return result as LocalRunResult;
}

describe('Local (calibration) scenarios', () => {
  it('constant(range): every client sleeps range seconds per command until time.max', async () => {
    const r = await drive(local('<cmd name="c">constant(range=0.1)</cmd>'));
    expect(r.transactions).toHaveLength(20); // 2 clients × 10 commands of 0.1 s in 1 s
    for (const t of r.transactions) expect(t.timeSpent).toBeCloseTo(0.1, 9);
    expect(new Set(r.transactions.map((t) => t.threadNumber))).toEqual(new Set([0, 1]));
    expect(r.transactions.at(-1)?.wallClock).toBeCloseTo(1, 9);
    expect(r.transactions[0]?.dataTransferred).toBeCloseTo(102.4, 9);
  });

  it('stops at iterations.max; groups keep their order', async () => {
    const r = await drive(
      local(
        '<cmdGroup name="g"><cmd name="a">constant(range=0.01)</cmd><cmd name="b">constant(range=0.02)</cmd></cmdGroup>',
        { iterations: 3, time: 60 },
      ),
    );
    expect(r.iterations).toBe(6);
    expect(r.transactions).toHaveLength(12);
    const thread0 = r.transactions.filter((t) => t.threadNumber === 0).map((t) => t.cmd);
    expect(thread0).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(r.transactions[0]?.group).toBe('g');
    expect(r.elapsedSec).toBeCloseTo(0.09, 9);
  });

  it('random(range): uniform in [0, range], reproducible from the seed', async () => {
    const scenario = local('<cmd name="r">random(range=0.5)</cmd>', { time: 5 });
    const a = await drive(scenario, 3);
    const b = await drive(scenario, 3);
    const c = await drive(scenario, 4);
    const spent = (r: LocalRunResult) => r.transactions.map((t) => t.timeSpent);
    expect(spent(b)).toEqual(spent(a));
    expect(spent(c)).not.toEqual(spent(a));
    for (const t of spent(a)) expect(t >= 0 && t <= 0.51).toBe(true);
    expect(new Set(spent(a).map((t) => Math.round(t * 10))).size).toBeGreaterThan(3);
  });

  it('linear(range): sleeps grow from 0 towards range over the run', async () => {
    const r = await drive(local('<cmd name="l">linear(range=0.2)</cmd>', { clients: 1, time: 4 }));
    const spent = r.transactions.map((t) => t.timeSpent);
    expect(spent[0]).toBeLessThan(0.02);
    expect(spent.at(-1)).toBeGreaterThan(0.17);
    for (let i = 1; i < spent.length; i++)
      expect(spent[i] as number).toBeGreaterThanOrEqual((spent[i - 1] as number) - 0.01);
  });

  it('random mode shuffles top-level items per iteration', async () => {
    const r = await drive(
      local(
        '<cmd name="a">constant(range=0.01)</cmd><cmd name="b">constant(range=0.01)</cmd><cmd name="c">constant(range=0.01)</cmd>',
        {
          clients: 1,
          iterations: 20,
          time: 60,
          mode: 'random',
        },
      ),
    );
    const orders = new Set<string>();
    for (let i = 0; i < r.transactions.length; i += 3) {
      orders.add(
        r.transactions
          .slice(i, i + 3)
          .map((t) => t.cmd)
          .join(''),
      );
    }
    expect(orders.size).toBeGreaterThan(1);
    for (const o of orders) expect([...o].sort().join('')).toBe('abc');
  });

  it('computes the statistics each retValue asks for', async () => {
    const r = await drive(local('<cmd name="c">constant(range=0.1)</cmd>'));
    const [timeSpent, wallClock, thread] = r.stats;
    expect(timeSpent).toMatchObject({ name: 'timeSpent', sta: 'vds', count: 20 });
    expect(timeSpent?.p95).toBeCloseTo(0.1, 9);
    expect(wallClock?.mean).toBeCloseTo(0.55, 9);
    expect(wallClock?.p95).toBeUndefined();
    expect(thread).toEqual({ name: 'threadNumber', units: ' ', sta: 'none', count: 20 });
  });

  it('runs the OpenLC chapter-4 example file', async () => {
    const xml = readFileSync(
      new URL('../../fixtures/scenarios/local-calibration.xml', import.meta.url),
      'utf8',
    );
    const r = await drive(parseScenarioXml(xml));
    expect(r.transactions.length).toBeGreaterThan(5 * 3 * 10);
    expect(new Set(r.transactions.map((t) => t.cmd))).toEqual(new Set(['constant', 'random', 'linear']));
    expect(r.elapsedSec).toBeLessThan(5.05);
  });

  it('refuses other protocols', async () => {
    const xml = readFileSync(
      new URL('../../fixtures/scenarios/balanced-growth.json', import.meta.url),
      'utf8',
    );
    const { parseScenarioJson } = await import('@gong/core/scenario/json');
    await expect(
      runLocalScenario(parseScenarioJson(xml), { clock: new ManualClock(0), rng: seededRng(1) }),
    ).rejects.toThrow(/runs Local scenarios, not Operator/);
  });
});
