import type { CurveFunction } from '../domain/strategy';
import { compileExpression } from '../strategy/expression';
import { CallSyntaxError, parseCall } from './commands';
import {
  type Cmd,
  type ProtocolItem,
  type RetValue,
  RunProtocol,
  Scenario,
  type ScenarioOperator,
  type ScenarioStrategy,
} from './model';
import { errorAt, parseXmlTree, type XmlElement } from './xml-tree';

/** Reads an XML scenario file (format in README.md). Throws ScenarioError with line, element, expectation. */
export function parseScenarioXml(xml: string): Scenario {
  return fromTree(parseXmlTree(xml));
}

/** Attribute access that rejects unknown attributes and says what a bad value should be. */
class Attrs {
  constructor(
    private readonly el: XmlElement,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(el.attributes)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      if (!allowed.includes(name)) {
        throw errorAt(
          el,
          allowed.length === 0
            ? `no attributes (found "${name}")`
            : `attributes among ${allowed.join(', ')} (found "${name}")`,
        );
      }
    }
  }

  str(name: string, required: true, what?: string): string;
  str(name: string, required?: false, what?: string): string | undefined;
  str(name: string, required = false, what = 'a value'): string | undefined {
    const v = this.el.attributes[name];
    if (v === undefined || v.trim() === '') {
      if (required) throw errorAt(this.el, `attribute ${name} (${what})`);
      return undefined;
    }
    return v.trim();
  }

  num(name: string, opts: { required?: boolean; int?: boolean; min?: number; positive?: boolean } = {}) {
    const raw = this.str(name, false);
    const what = `${opts.int ? 'a whole number' : 'a number'}${
      opts.positive ? ' > 0' : opts.min !== undefined ? ` >= ${opts.min}` : ''
    }`;
    if (raw === undefined) {
      if (opts.required) throw errorAt(this.el, `attribute ${name} (${what})`);
      return undefined;
    }
    const n = Number(raw);
    const bad =
      !Number.isFinite(n) ||
      (opts.int && !Number.isInteger(n)) ||
      (opts.positive && n <= 0) ||
      (opts.min !== undefined && n < opts.min);
    if (bad) throw errorAt(this.el, `${what} for attribute ${name} (found "${raw}")`);
    return n;
  }

  req(name: string, opts: { int?: boolean; min?: number; positive?: boolean } = {}): number {
    return this.num(name, { ...opts, required: true }) as number;
  }

  yesNo(name: string): boolean | undefined {
    const raw = this.str(name, false);
    if (raw === undefined) return undefined;
    if (raw === 'yes' || raw === 'true') return true;
    if (raw === 'no' || raw === 'false') return false;
    throw errorAt(this.el, `yes or no for attribute ${name} (found "${raw}")`);
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback?: T): T {
    const raw = this.str(name, false);
    if (raw === undefined) {
      if (fallback !== undefined) return fallback;
      throw errorAt(this.el, `attribute ${name} (one of ${values.join(', ')})`);
    }
    if (!(values as readonly string[]).includes(raw)) {
      throw errorAt(this.el, `one of ${values.join(', ')} for attribute ${name} (found "${raw}")`);
    }
    return raw as T;
  }
}

function noChildren(el: XmlElement): void {
  const child = el.children[0];
  if (child) throw errorAt(child, `nothing inside <${el.name}> (found <${child.name}>)`);
}

const ROOT_CHILDREN = [
  'clients',
  'time',
  'sample',
  'reduction',
  'runProtocol',
  'gong:scenario',
  'gong:connection',
  'gong:operators',
  'gong:strategy',
] as const;

function fromTree(root: XmlElement): Scenario {
  if (root.name !== 'configuration') throw errorAt(root, 'the root element <configuration>');
  new Attrs(root, []);
  const seen = new Map<string, XmlElement>();
  for (const child of root.children) {
    if (!(ROOT_CHILDREN as readonly string[]).includes(child.name)) {
      throw errorAt(
        child,
        `one of the elements ${ROOT_CHILDREN.map((n) => `<${n}>`).join(', ')} inside <configuration>`,
      );
    }
    if (seen.has(child.name)) throw errorAt(child, `only one <${child.name}> inside <configuration>`);
    seen.set(child.name, child);
  }
  const need = (name: string, hint: string): XmlElement => {
    const el = seen.get(name);
    if (!el) throw errorAt(root, `a <${name}${hint}> element`);
    return el;
  };

  const clientsEl = need('clients', ' number="…"');
  const clients = { number: new Attrs(clientsEl, ['number']).req('number', { int: true, min: 1 }) };
  noChildren(clientsEl);
  const timeEl = need('time', ' max="…"');
  const time = { max: new Attrs(timeEl, ['max']).req('max', { int: true, min: 1 }) };
  noChildren(timeEl);

  const protocolEl = need('runProtocol', ' name="Operator|ESME|Local"');
  const protocol = readProtocol(protocolEl);
  const local = protocol.name === 'Local';

  const scenario: Record<string, unknown> = { clients, time, protocol };
  const meta = seen.get('gong:scenario');
  if (meta) {
    const a = new Attrs(meta, ['name', 'seed']);
    scenario.name = a.str('name') ?? '';
    const seed = a.num('seed', { int: true });
    if (seed !== undefined) scenario.seed = seed;
    noChildren(meta);
  }
  const sample = seen.get('sample');
  if (sample) {
    const a = new Attrs(sample, ['small', 'period']);
    scenario.sample = { small: a.yesNo('small') ?? true, period: a.num('period', { positive: true }) ?? 1 };
    noChildren(sample);
  }
  const reduction = seen.get('reduction');
  if (reduction) {
    const a = new Attrs(reduction, ['minElementsPerBin', 'maxBins']);
    scenario.reduction = {
      minElementsPerBin: a.num('minElementsPerBin', { int: true, min: 1 }) ?? 10,
      maxBins: a.num('maxBins', { int: true, min: 1 }) ?? 100,
    };
    noChildren(reduction);
  }
  const connection = seen.get('gong:connection');
  if (connection) {
    scenario.connection = { ref: new Attrs(connection, ['ref']).str('ref', true, 'a connection name or id') };
    noChildren(connection);
  } else if (!local) {
    throw errorAt(root, 'a <gong:connection ref="…"/> element (required unless runProtocol name="Local")');
  }

  const strategyEl = need('gong:strategy', ' kind="…"');
  const strategy = readStrategy(strategyEl);
  scenario.strategy = strategy;

  const operatorsEl = seen.get('gong:operators');
  const operators = operatorsEl ? readOperators(operatorsEl, strategy) : [];
  if (!local && operators.length === 0) {
    throw errorAt(operatorsEl ?? root, 'at least one <gong:operator ref="…"/> (inside <gong:operators>)');
  }
  scenario.operators = operators;

  const parsed = Scenario.safeParse(scenario);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw errorAt(root, `a valid scenario (${issue?.path.join('.')}: ${issue?.message})`);
  }
  return parsed.data;
}

function readStrategy(el: XmlElement): ScenarioStrategy {
  const kinds = ['full-force', 'balanced-growth', 'random', 'custom'] as const;
  const kind = new Attrs(el, Object.keys(el.attributes)).oneOf('kind', kinds);
  noChildren(el);
  switch (kind) {
    case 'full-force': {
      const a = new Attrs(el, ['kind', 'ratePerNumber']);
      return { kind, ratePerNumber: a.req('ratePerNumber', { positive: true }) };
    }
    case 'balanced-growth': {
      const a = new Attrs(el, ['kind', 'minRate', 'maxRate', 'stagger', 'ramp']);
      const minRate = a.req('minRate', { min: 0 });
      const maxRate = a.req('maxRate', { positive: true });
      if (maxRate < minRate) throw errorAt(el, `maxRate >= minRate (found ${maxRate} < ${minRate})`);
      return {
        kind,
        minRate,
        maxRate,
        stagger: a.num('stagger', { min: 0 }) ?? 5,
        ramp: a.num('ramp', { positive: true }) ?? 20,
      };
    }
    case 'random': {
      const a = new Attrs(el, ['kind', 'minPerNumber', 'maxPerNumber']);
      const minPerNumber = a.req('minPerNumber', { int: true, min: 0 });
      const maxPerNumber = a.req('maxPerNumber', { int: true, min: 0 });
      if (maxPerNumber < minPerNumber) {
        throw errorAt(el, `maxPerNumber >= minPerNumber (found ${maxPerNumber} < ${minPerNumber})`);
      }
      return { kind, minPerNumber, maxPerNumber };
    }
    case 'custom':
      new Attrs(el, ['kind']);
      return { kind };
  }
}

function readOperators(el: XmlElement, strategy: ScenarioStrategy): ScenarioOperator[] {
  new Attrs(el, []);
  return el.children.map((child) => {
    if (child.name !== 'gong:operator')
      throw errorAt(child, '<gong:operator> elements inside <gong:operators>');
    const a = new Attrs(child, ['ref', 'min', 'max', 'startDelay', 'runningTime', 'minRate', 'maxRate']);
    const op: ScenarioOperator = { ref: a.str('ref', true, 'an operator name or id') };
    const min = a.num('min', { int: true, min: 1 });
    const max = a.num('max', { int: true, min: 1 });
    if (min !== undefined) op.min = min;
    if (max !== undefined) op.max = max;
    if (min !== undefined && max !== undefined && max < min) {
      throw errorAt(child, `max >= min numbers (found ${max} < ${min})`);
    }
    const startDelay = a.num('startDelay', { min: 0 });
    if (startDelay !== undefined) op.startDelay = startDelay;
    const runningTime = a.num('runningTime', { positive: true });
    if (runningTime !== undefined) op.runningTime = runningTime;
    const minRate = a.num('minRate', { min: 0 });
    const maxRate = a.num('maxRate', { min: 0 });
    if (minRate !== undefined) op.minRate = minRate;
    if (maxRate !== undefined) op.maxRate = maxRate;
    if (strategy.kind === 'custom') {
      if (minRate === undefined || maxRate === undefined) {
        throw errorAt(child, 'attributes minRate and maxRate (messages/s) for the custom strategy');
      }
      if (maxRate < minRate) throw errorAt(child, `maxRate >= minRate (found ${maxRate} < ${minRate})`);
    }
    if (child.children.length > 1) throw errorAt(child.children[1] as XmlElement, 'at most one <gong:curve>');
    const curveEl = child.children[0];
    if (curveEl) {
      if (curveEl.name !== 'gong:curve') throw errorAt(curveEl, 'a <gong:curve> inside <gong:operator>');
      if (strategy.kind !== 'custom')
        throw errorAt(curveEl, '<gong:curve> only with <gong:strategy kind="custom">');
      op.curve = readCurve(curveEl);
    }
    return op;
  });
}

function readCurve(el: XmlElement): CurveFunction {
  const kind = new Attrs(el, ['kind', 'coefficients']).oneOf('kind', [
    'linear',
    'polynomial',
    'expression',
  ] as const);
  noChildren(el);
  if (kind === 'linear') return { kind };
  if (kind === 'polynomial') {
    const raw = new Attrs(el, ['kind', 'coefficients']).str(
      'coefficients',
      true,
      'numbers c0 c1 c2 … separated by spaces',
    );
    const coefficients = raw.split(/[\s,]+/).map(Number);
    if (coefficients.some((c) => !Number.isFinite(c)) || coefficients.length > 10) {
      throw errorAt(el, `1 to 10 numbers for attribute coefficients (found "${raw}")`);
    }
    return { kind, coefficients };
  }
  new Attrs(el, ['kind']);
  const expression = el.text.trim();
  if (expression === '')
    throw errorAt(el, 'an expression of t as the text of <gong:curve kind="expression">');
  try {
    compileExpression(expression);
  } catch (e) {
    throw errorAt(el, `a valid expression of t (${(e as Error).message})`);
  }
  return { kind, expression };
}

function readProtocol(el: XmlElement): RunProtocol {
  const a = new Attrs(el, ['name', 'mode']);
  const name = a.oneOf('name', ['Operator', 'ESME', 'Local'] as const);
  const mode = a.oneOf('mode', ['normal', 'random'] as const, 'normal');
  const local = name === 'Local';
  let iterations: { max: number } | undefined;
  let retValues: RetValue[] = [];
  const items: ProtocolItem[] = [];
  const readCmd = (cmdEl: XmlElement): Cmd => {
    const c = new Attrs(cmdEl, ['name', 'spy']);
    noChildren(cmdEl);
    let call: Cmd['call'];
    try {
      call = parseCall(cmdEl.text);
    } catch (e) {
      if (e instanceof CallSyntaxError) throw errorAt(cmdEl, e.expected);
      throw e;
    }
    if ((call.fn === 'send') === local) {
      throw errorAt(
        cmdEl,
        local
          ? `constant(range=…), linear(range=…) or random(range=…) in the Local protocol (found ${call.fn})`
          : `send(text="…") in the ${name} protocol (found ${call.fn})`,
      );
    }
    return { name: c.str('name', true, 'a command name'), spy: c.yesNo('spy') ?? false, call };
  };
  for (const child of el.children) {
    switch (child.name) {
      case 'iterations':
        if (iterations) throw errorAt(child, 'only one <iterations> inside <runProtocol>');
        iterations = { max: new Attrs(child, ['max']).req('max', { int: true, min: 1 }) };
        noChildren(child);
        break;
      case 'retValues':
        new Attrs(child, []);
        retValues = child.children.map(readRetValue);
        break;
      case 'cmdGroup': {
        const groupName = new Attrs(child, ['name']).str('name', true, 'a group name');
        const cmds = child.children.map((cmdEl) => {
          if (cmdEl.name !== 'cmd') throw errorAt(cmdEl, '<cmd> elements inside <cmdGroup>');
          return readCmd(cmdEl);
        });
        if (cmds.length === 0) throw errorAt(child, 'at least one <cmd> inside <cmdGroup>');
        items.push({ kind: 'group', name: groupName, cmds });
        break;
      }
      case 'cmd':
        items.push({ kind: 'cmd', cmd: readCmd(child) });
        break;
      case 'gong:sequence':
        if (local) throw errorAt(child, 'no <gong:sequence> in the Local protocol (it runs no gateway)');
        items.push({
          kind: 'sequence',
          ref: new Attrs(child, ['ref']).str('ref', true, 'a sequence name or id'),
        });
        noChildren(child);
        break;
      default:
        throw errorAt(
          child,
          'one of <iterations>, <retValues>, <cmdGroup>, <cmd>, <gong:sequence> inside <runProtocol>',
        );
    }
  }
  if (items.length === 0)
    throw errorAt(el, 'at least one <cmd>, <cmdGroup> or <gong:sequence> inside <runProtocol>');
  return RunProtocol.parse({ name, mode, iterations, retValues, items });
}

function readRetValue(el: XmlElement): RetValue {
  const a = new Attrs(el, ['units', 'sta', 'typecode', 'spyplot']);
  noChildren(el);
  return {
    name: el.name,
    units: el.attributes.units ?? '',
    sta: a.oneOf('sta', ['vds', 'mean', 'minimal', 'none'] as const, 'none'),
    typecode: a.oneOf('typecode', ['Int', 'Float'] as const, 'Float'),
    spyplot: a.yesNo('spyplot') ?? false,
  };
}
