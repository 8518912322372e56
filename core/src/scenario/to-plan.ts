import type { z } from 'zod';
import type { Connection } from '../domain/connection';
import { DomainError } from '../domain/errors';
import type { Expectation } from '../domain/expectation';
import type { Operator } from '../domain/operator';
import type { Sequence, Step } from '../domain/sequence';
import type { OperatorShape, StrategySpec } from '../domain/strategy';
import { type InlineSequence, type RunMode, StressPlan } from '../domain/stress-run';
import { formatCall } from './commands';
import type { Cmd, Scenario, ScenarioOperator } from './model';

/** The tenant's configuration a scenario's names refer to. */
export interface TenantConfig {
  connections: readonly Connection[];
  operators: readonly Operator[];
  sequences: readonly Sequence[];
}

/** Connection id given to Local (calibration) plans, which reach no gateway. */
export const LOCAL_CONNECTION_ID = 'local';
/** Operator id of the single synthetic operator of a Local scenario that names none. */
export const LOCAL_OPERATOR_ID = 'local';

const MODE: Record<Scenario['protocol']['name'], RunMode> = {
  Operator: 'operator',
  ESME: 'esme',
  Local: 'local',
};

/** Finds by id, then by exact name, then by case-insensitive name; ambiguous names are errors. */
function resolve<T extends { id: string; name: string }>(items: readonly T[], ref: string, what: string): T {
  const byId = items.find((i) => i.id === ref);
  if (byId) return byId;
  for (const same of [(i: T) => i.name === ref, (i: T) => i.name.toLowerCase() === ref.toLowerCase()]) {
    const found = items.filter(same);
    if (found.length === 1) return found[0] as T;
    if (found.length > 1) {
      throw new DomainError(
        'VALIDATION',
        `scenario: ${what} "${ref}" is ambiguous (ids ${found.map((f) => f.id).join(', ')})`,
      );
    }
  }
  const known = items.map((i) => `"${i.name}"`).slice(0, 20);
  throw new DomainError(
    'VALIDATION',
    `scenario refers to unknown ${what} "${ref}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ` (the tenant has no ${what}s)`}`,
  );
}

function expectationOf(call: Extract<Cmd['call'], { fn: 'send' }>): Expectation {
  if (call.expect !== undefined) return { kind: 'regex', pattern: call.expect, flags: '' };
  if (call.contains !== undefined) return { kind: 'contains', text: call.contains };
  if (call.exact !== undefined) return { kind: 'exact', text: call.exact };
  if (call.noReply) return { kind: 'none' };
  return { kind: 'any' };
}

/**
 * One step per command. Local commands become steps whose text is the canonical call
 * (`constant(range=0.01)`), for the Local executor to parse with parseCall.
 */
export function cmdToStep(cmd: Cmd, id: string): Step {
  const call = cmd.call;
  if (call.fn !== 'send') {
    return {
      id,
      message: { text: formatCall(call), encoding: 'auto', segmentation: 'udh8' },
      expect: { kind: 'any' },
      timeoutMs: 10_000,
      thinkMs: 0,
    };
  }
  return {
    id,
    message: { text: call.text, encoding: call.encoding ?? 'auto', segmentation: 'udh8' },
    expect: expectationOf(call),
    timeoutMs: call.timeoutMs ?? 10_000,
    thinkMs: call.thinkMs ?? 0,
  };
}

function numbersOf(op: ScenarioOperator, clients: number): { minNumbers: number; maxNumbers: number } {
  const maxNumbers = op.max ?? Math.max(clients, op.min ?? 1);
  const minNumbers = op.min ?? Math.min(clients, maxNumbers);
  return { minNumbers, maxNumbers };
}

/**
 * Turns a scenario into a StressPlan against the tenant's configuration.
 * Sequences: in `normal` mode every command, group and referenced sequence is walked in file order
 * as one sequence; in `random` mode each top-level item (a group stays in order, a lone command, a
 * library sequence) is a separate candidate drawn at random per number.
 */
export function scenarioToPlan(scenario: Scenario, config: TenantConfig): StressPlan {
  const local = scenario.protocol.name === 'Local';
  let connectionId = LOCAL_CONNECTION_ID;
  if (scenario.connection)
    connectionId = resolve(config.connections, scenario.connection.ref, 'connection').id;
  else if (!local)
    throw new DomainError('VALIDATION', 'scenario: a connection is required unless the protocol is Local');

  const resolved = scenario.operators.map((op) => {
    const operator = resolve(config.operators, op.ref, 'operator');
    if (scenario.connection && operator.connectionId !== connectionId) {
      throw new DomainError(
        'VALIDATION',
        `scenario: operator "${op.ref}" belongs to another connection (${operator.connectionId}), not "${scenario.connection.ref}"`,
      );
    }
    return { op, id: operator.id };
  });
  const seen = new Set<string>();
  for (const r of resolved) {
    if (seen.has(r.id))
      throw new DomainError('VALIDATION', `scenario: operator "${r.op.ref}" is listed twice`);
    seen.add(r.id);
  }
  const runOperators =
    resolved.length > 0
      ? resolved.map((r) => ({ operatorId: r.id, ...numbersOf(r.op, scenario.clients.number) }))
      : [
          {
            operatorId: LOCAL_OPERATOR_ID,
            minNumbers: scenario.clients.number,
            maxNumbers: scenario.clients.number,
          },
        ];

  const shapes: z.input<typeof OperatorShape>[] = resolved
    .filter((r) => r.op.startDelay !== undefined || r.op.runningTime !== undefined)
    .map((r) => ({
      operatorId: r.id,
      startDelaySec: r.op.startDelay ?? 0,
      runningTimeSec: r.op.runningTime,
    }));
  const s = scenario.strategy;
  let strategy: z.input<typeof StrategySpec>;
  switch (s.kind) {
    case 'full-force':
      strategy = { kind: s.kind, ratePerNumber: s.ratePerNumber, operators: shapes };
      break;
    case 'balanced-growth':
      strategy = {
        kind: s.kind,
        minRate: s.minRate,
        maxRate: s.maxRate,
        staggerSec: s.stagger,
        rampSec: s.ramp,
        operators: shapes,
      };
      break;
    case 'random':
      strategy = {
        kind: s.kind,
        minPerNumber: s.minPerNumber,
        maxPerNumber: s.maxPerNumber,
        operators: shapes,
      };
      break;
    case 'custom':
      if (resolved.length === 0)
        throw new DomainError('VALIDATION', 'scenario: the custom strategy needs operators');
      strategy = {
        kind: s.kind,
        operators: resolved.map((r) => ({
          operatorId: r.id,
          startDelaySec: r.op.startDelay ?? 0,
          runningTimeSec: r.op.runningTime,
          minRate: r.op.minRate ?? 0,
          maxRate: r.op.maxRate ?? 0,
          curve: r.op.curve ?? { kind: 'linear' },
        })),
      };
      break;
  }

  const units: { name: string; steps: Step[]; libraryId?: string }[] = scenario.protocol.items.map(
    (item, i) => {
      if (item.kind === 'group') {
        return { name: item.name, steps: item.cmds.map((c, j) => cmdToStep(c, `sc-${i}-${j}`)) };
      }
      if (item.kind === 'cmd') return { name: item.cmd.name, steps: [cmdToStep(item.cmd, `sc-${i}-0`)] };
      const sequence = resolve(config.sequences, item.ref, 'sequence');
      return { name: sequence.name, steps: sequence.steps, libraryId: sequence.id };
    },
  );

  let inlineSequences: InlineSequence[];
  let sequenceIds: string[] = [];
  const random = scenario.protocol.mode === 'random';
  if (random) {
    inlineSequences = units.filter((u) => !u.libraryId).map((u) => ({ name: u.name, steps: u.steps }));
    sequenceIds = units.flatMap((u) => (u.libraryId ? [u.libraryId] : []));
  } else {
    inlineSequences = [{ name: scenario.name || 'scenario', steps: units.flatMap((u) => u.steps) }];
  }

  return StressPlan.parse({
    name: scenario.name,
    connectionId,
    mode: MODE[scenario.protocol.name],
    operators: runOperators,
    durationSec: scenario.time.max,
    strategy,
    sequenceIds,
    randomSequences: random,
    seed: scenario.seed ?? 1,
    reduction: scenario.reduction,
    inlineSequences,
    iterationsMax: scenario.protocol.iterations?.max,
    sample: { small: scenario.sample.small, periodSec: scenario.sample.period },
    retValues: scenario.protocol.retValues,
  });
}
