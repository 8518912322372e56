import { isDomainError } from '@gong/core/domain/errors';
import { seededRng } from '@gong/core/rng';
import { parseSimConfig } from '@gong/smpp-fleet/sim/config';
import { latencySampler, parseLatency } from '@gong/smpp-fleet/sim/latency';
import { simConfigFromArgs } from '@gong/smpp-fleet/sim/main';
import { compileRules, DEFAULT_HELP, DEFAULT_RULES } from '@gong/smpp-fleet/sim/rules';
import { describe, expect, it } from 'vitest';

describe('simulator config', () => {
  it('parses CLI flags into a valid config', async () => {
    const { config } = await simConfigFromArgs([
      '--bind',
      '127.0.0.1:2775:op1:secret',
      '--bind',
      'gw:2776:op2:pw',
      '--esme-port',
      '2777',
      '--latency',
      'uniform:10:50',
      '--drop',
      '0.01',
      '--cap',
      '1000',
      '--seed',
      '3',
      '--dlr-mix',
      'DELIVRD=0.9,undeliv=0.1',
    ]);
    const c = parseSimConfig(config);
    expect(c.operators.map((o) => o.systemId)).toEqual(['op1', 'op2']);
    expect(c.latency).toEqual({ kind: 'uniform', min: 10, max: 50 });
    expect(c).toMatchObject({ dropRate: 0.01, capPerSecond: 1000, seed: 3, esme: { port: 2777 } });
    expect(c.receipts.statusMix).toEqual({ DELIVRD: 0.9, UNDELIV: 0.1 });
  });

  it('rejects bad input with a clear validation error', async () => {
    await expect(simConfigFromArgs(['--bind', 'nohost'])).rejects.toThrow(
      /--bind needs host:port:systemId:password/,
    );
    await expect(simConfigFromArgs(['--latency', 'gamma:1'])).rejects.toThrow(
      /fixed, uniform, normal or lognormal/,
    );
    await expect(simConfigFromArgs(['--config', '/nonexistent.json'])).rejects.toThrow(
      /cannot read config file/,
    );
    try {
      parseSimConfig({ operators: [{ host: 'x', port: 99999, systemId: 'a', password: 'b' }], dropRate: 2 });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e, 'VALIDATION')).toBe(true);
      expect((e as Error).message).toMatch(/operators\.0\.port/);
      expect((e as Error).message).toMatch(/dropRate/);
    }
    expect(() => parseSimConfig({})).toThrow(/at least one operator endpoint/);
    expect(() => parseSimConfig({ esme: { port: 1 }, rules: [{ regex: '(', reply: 'x' }] })).toThrow(
      /invalid regular expression/,
    );
  });
});

describe('latency', () => {
  it('draws reproducible samples from the seed', () => {
    const a = latencySampler(parseLatency('lognormal:50:0.5'), seededRng(1));
    const b = latencySampler(parseLatency('lognormal:50:0.5'), seededRng(1));
    const xs = Array.from({ length: 1000 }, a);
    expect(xs).toEqual(Array.from({ length: 1000 }, b));
    const sorted = [...xs].sort((x, y) => x - y);
    expect(sorted[500]).toBeGreaterThan(40);
    expect(sorted[500]).toBeLessThan(60);
    const u = latencySampler(parseLatency('uniform:10:20'), seededRng(2));
    expect(Array.from({ length: 100 }, u).every((x) => x >= 10 && x <= 20)).toBe(true);
    expect(latencySampler(parseLatency('normal:5:100'), seededRng(3))()).toBeGreaterThanOrEqual(0);
  });
});

describe('keyword rules', () => {
  it('answers BAL, ECHO and falls back to help; custom regex rules use groups', () => {
    const r = compileRules(DEFAULT_RULES, DEFAULT_HELP);
    expect(r('bal', '1', '2')).toBe('Your balance is 42 EUR');
    expect(r('ECHO hello world', '1', '2')).toBe('hello world');
    expect(r('nope', '1', '2')).toBe(DEFAULT_HELP);
    const custom = compileRules([{ regex: '^TOPUP (\\d+)$', reply: 'Added {1} to {from}' }], 'help');
    expect(custom('topup 15', '4072', '1234')).toBe('Added 15 to 4072');
  });
});
