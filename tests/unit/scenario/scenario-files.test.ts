import { readFileSync } from 'node:fs';
import { isDomainError } from '@gong/core/domain/errors';
import { parseCall } from '@gong/core/scenario/commands';
import { parseScenarioXml } from '@gong/core/scenario/from-xml';
import { parseScenarioJson, serializeScenarioJson } from '@gong/core/scenario/json';
import { parseScenario, serializeScenario } from '@gong/core/scenario/scenario-file';
import { serializeScenarioXml } from '@gong/core/scenario/to-xml';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/scenarios/${name}`, import.meta.url), 'utf8');

describe('a scenario with every documented element', () => {
  const s = parseScenarioXml(fixture('every-element.xml'));

  it('reads the OpenLC general tags', () => {
    expect(s.name).toBe('Balance under growth');
    expect(s.seed).toBe(42);
    expect(s.clients).toEqual({ number: 50 });
    expect(s.time).toEqual({ max: 60 });
    expect(s.sample).toEqual({ small: false, period: 2 });
    expect(s.reduction).toEqual({ minElementsPerBin: 10, maxBins: 100 });
  });

  it('reads the Gong connection, operators, curves and strategy', () => {
    expect(s.connection).toEqual({ ref: 'jasmin-local' });
    expect(s.strategy).toEqual({ kind: 'custom' });
    expect(s.operators).toEqual([
      {
        ref: 'Orange',
        min: 10,
        max: 40,
        startDelay: 2,
        runningTime: 50,
        minRate: 5,
        maxRate: 80,
        curve: { kind: 'expression', expression: '20 + 10 * sin(t / 10 * pi)' },
      },
      {
        ref: 'Vodafone',
        minRate: 1,
        maxRate: 30,
        curve: { kind: 'polynomial', coefficients: [1, 0.5, 0.01] },
      },
      { ref: 'Telekom', min: 5, minRate: 0, maxRate: 10, curve: { kind: 'linear' } },
    ]);
  });

  it('reads runProtocol, iterations and retValues with their statistics', () => {
    expect(s.protocol.name).toBe('Operator');
    expect(s.protocol.mode).toBe('random');
    expect(s.protocol.iterations).toEqual({ max: 1000 });
    expect(s.protocol.retValues).toEqual([
      { name: 'wallClock', units: 's', sta: 'mean', typecode: 'Float', spyplot: false },
      { name: 'timeSpent', units: 's', sta: 'vds', typecode: 'Float', spyplot: true },
      { name: 'dataTransferred', units: 'KB', sta: 'vds', typecode: 'Float', spyplot: false },
      { name: 'commandNumber', units: ' ', sta: 'none', typecode: 'Int', spyplot: false },
      { name: 'threadNumber', units: ' ', sta: 'minimal', typecode: 'Int', spyplot: false },
      { name: 'latency', units: 'ms', sta: 'none', typecode: 'Int', spyplot: false },
    ]);
  });

  it('reads groups in order, loose commands with every send argument, and library sequences', () => {
    expect(s.protocol.items).toEqual([
      {
        kind: 'group',
        name: 'balance',
        cmds: [
          { name: 'bal', spy: true, call: { fn: 'send', text: 'BAL', expect: '^Your balance' } },
          {
            name: 'bal-again',
            spy: false,
            call: { fn: 'send', text: 'BAL', contains: 'EUR', timeoutMs: 5000, thinkMs: 250 },
          },
        ],
      },
      {
        kind: 'cmd',
        cmd: {
          name: 'echo',
          spy: true,
          call: { fn: 'send', text: 'ECHO "quoted" & more', exact: '"quoted" & more', encoding: 'gsm7' },
        },
      },
      {
        kind: 'cmd',
        cmd: { name: 'fire-and-forget', spy: false, call: { fn: 'send', text: 'STOP', noReply: true } },
      },
      { kind: 'sequence', ref: 'Top-up flow' },
    ]);
  });
});

describe('the OpenLC Local example', () => {
  it('reads constant/random/linear(range=…) with no connection or operators', () => {
    const s = parseScenarioXml(fixture('local-calibration.xml'));
    expect(s.protocol.name).toBe('Local');
    expect(s.connection).toBeUndefined();
    expect(s.operators).toEqual([]);
    const group = s.protocol.items[0];
    expect(group?.kind === 'group' && group.cmds.map((c) => c.call)).toEqual([
      { fn: 'constant', range: 0.01 },
      { fn: 'random', range: 0.01 },
      { fn: 'linear', range: 0.01 },
    ]);
  });
});

describe('round trips', () => {
  const files = ['every-element.xml', 'local-calibration.xml', 'balanced-growth.json'];

  it.each(files)('%s: xml → model → xml → model is stable', (name) => {
    const model = parseScenario(fixture(name), name);
    const xml = serializeScenarioXml(model);
    expect(parseScenarioXml(xml)).toEqual(model);
    expect(serializeScenarioXml(parseScenarioXml(xml))).toBe(xml);
  });

  it.each(files)('%s: json → model → json → model is stable', (name) => {
    const model = parseScenario(fixture(name), name);
    const json = serializeScenarioJson(model);
    expect(parseScenarioJson(json)).toEqual(model);
    expect(serializeScenarioJson(parseScenarioJson(json))).toBe(json);
  });

  it('xml ↔ json carry the same scenario', () => {
    const fromXml = parseScenario(fixture('every-element.xml'), 'every-element.xml');
    const viaJson = parseScenario(serializeScenario(fromXml, 'json'));
    expect(viaJson).toEqual(fromXml);
    const fromJson = parseScenario(fixture('balanced-growth.json'), 'balanced-growth.json');
    expect(parseScenario(serializeScenario(fromJson, 'xml'))).toEqual(fromJson);
  });

  it('escapes markup characters in texts and expressions', () => {
    const model = parseScenarioXml(fixture('every-element.xml'));
    const tricky = structuredClone(model);
    const op = tricky.operators[0];
    if (op) op.curve = { kind: 'expression', expression: 'max(1, t) < 2 & 3' };
    // not a valid expression: serialization must still escape it so the error is about the expression
    expect(() => parseScenarioXml(serializeScenarioXml(tricky))).toThrow(/unexpected character "<"/);
    const item = tricky.protocol.items[1];
    if (item?.kind === 'cmd' && item.cmd.call.fn === 'send') item.cmd.call.text = '<b>A & B</b>\nline "2"\\';
    if (op) op.curve = { kind: 'expression', expression: 'min(t, 2)' };
    expect(parseScenarioXml(serializeScenarioXml(tricky))).toEqual(tricky);
  });
});

describe('JSON files', () => {
  it('rejects invalid JSON with a line number', () => {
    expect(() => parseScenarioJson('{\n  "clients": { "number": 5 },\n  oops\n}')).toThrow(/line 3/);
  });

  it('rejects schema violations naming the path', () => {
    const bad = JSON.parse(fixture('balanced-growth.json'));
    bad.protocol.name = 'HTTP';
    bad.operators[0].max = 1;
    let caught: unknown;
    try {
      parseScenarioJson(JSON.stringify(bad));
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught, 'VALIDATION')).toBe(true);
    expect(String(caught)).toMatch(/protocol\.name/);
  });

  it('rejects a bad curve expression and a send command in the Local protocol', () => {
    const local = JSON.parse(JSON.stringify(parseScenario(fixture('local-calibration.xml'), 'x.xml')));
    local.protocol.items[0].cmds[0].call = { fn: 'send', text: 'BAL' };
    expect(() => parseScenarioJson(JSON.stringify(local))).toThrow(
      /Local protocol runs constant\/linear\/random/,
    );
    const custom = JSON.parse(JSON.stringify(parseScenario(fixture('every-element.xml'), 'x.xml')));
    custom.operators[0].curve.expression = 'eval(t)';
    expect(() => parseScenarioJson(JSON.stringify(custom))).toThrow(/unknown identifier "eval"/);
  });
});

describe('command calls', () => {
  it('parses quoted strings with escapes, numbers and yes/no', () => {
    expect(parseCall(' send( text = "a \\"b\\" \\\\ c" , timeout=200, noReply=no ) ')).toEqual({
      fn: 'send',
      text: 'a "b" \\ c',
      timeoutMs: 200,
      noReply: false,
    });
    expect(parseCall('random(range=1.5)')).toEqual({ fn: 'random', range: 1.5 });
  });

  it.each([
    ['send(text="A", text="B")', /argument text only once/],
    ['send(text="A") send(text="B")', /nothing after the closing/],
    ['constant(range="x")', /constant\(range=<seconds>\)/],
    ['linear(range=1, speed=2)', /only the argument range for linear/],
    ['send(text="A", colour="red")', /send arguments among/],
    ['send(text="A", timeout=1.5)', /whole number of milliseconds for argument timeout/],
    ['send(text="A", encoding="ebcdic")', /encoding one of auto, gsm7, latin1, ucs2/],
  ])('rejects %s', (text, message) => {
    expect(() => parseCall(text)).toThrow(message);
  });
});
