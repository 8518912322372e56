import { DomainError } from '../domain/errors';
import type { Clock } from '../ports/clock';
import type { Rng } from '../rng';
import type { Cmd, LocalCall, RetValue, Scenario } from './model';

/**
 * Runs a Local (calibration) scenario in this process, as OpenLC's Local server does: `clients.number`
 * clients each walk the protocol's commands (groups in order; top-level items shuffled per iteration in
 * random mode) until `time.max` seconds have passed or `iterations.max` iterations are done. The
 * synthetic commands only sleep: `constant(range)` sleeps range seconds, `linear(range)` from 0 growing
 * linearly to range over the run, `random(range)` uniformly in [0, range]. Each transaction yields the
 * OpenLC retValues: wallClock, timeSpent, dataTransferred (= timeSpent × 1024), commandNumber,
 * threadNumber. Time and randomness are injected, so the same seed replays the same run.
 */
export interface LocalTransaction {
  cmd: string;
  group?: string;
  /** seconds from the run start to completion */
  wallClock: number;
  /** seconds the command took */
  timeSpent: number;
  dataTransferred: number;
  /** index of the command in the protocol's flattened command list */
  commandNumber: number;
  threadNumber: number;
  spy: boolean;
}

export interface ValueStats {
  name: string;
  units: string;
  sta: RetValue['sta'];
  count: number;
  /** absent when sta is none */
  mean?: number;
  /** sta minimal, mean, vds */
  min?: number;
  max?: number;
  /** vds only: very detailed statistics */
  p50?: number;
  p95?: number;
  p99?: number;
}

export interface LocalRunResult {
  transactions: LocalTransaction[];
  iterations: number;
  elapsedSec: number;
  /** per retValue named in the scenario (all five OpenLC values when none are named) */
  stats: ValueStats[];
}

const VALUE_NAMES = ['wallClock', 'timeSpent', 'dataTransferred', 'commandNumber', 'threadNumber'] as const;
type ValueName = (typeof VALUE_NAMES)[number];

interface Unit {
  group?: string;
  cmds: { cmd: Cmd; call: LocalCall; number: number }[];
}

function unitsOf(scenario: Scenario): Unit[] {
  let number = 0;
  const local = (cmd: Cmd): { cmd: Cmd; call: LocalCall; number: number } => {
    if (cmd.call.fn === 'send') {
      throw new DomainError('VALIDATION', `the Local protocol cannot run send(...) (command ${cmd.name})`);
    }
    return { cmd, call: cmd.call, number: number++ };
  };
  return scenario.protocol.items.map((item) => {
    if (item.kind === 'group') return { group: item.name, cmds: item.cmds.map(local) };
    if (item.kind === 'cmd') return { cmds: [local(item.cmd)] };
    throw new DomainError('VALIDATION', `the Local protocol runs no sequences (${item.ref})`);
  });
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export function localStats(
  transactions: readonly LocalTransaction[],
  retValues: readonly RetValue[],
): ValueStats[] {
  const wanted: RetValue[] =
    retValues.length > 0
      ? [...retValues]
      : VALUE_NAMES.map((name) => ({ name, units: '', sta: 'mean', typecode: 'Float', spyplot: false }));
  return wanted.map((rv) => {
    const base: ValueStats = { name: rv.name, units: rv.units, sta: rv.sta, count: transactions.length };
    if (
      !(VALUE_NAMES as readonly string[]).includes(rv.name) ||
      rv.sta === 'none' ||
      transactions.length === 0
    ) {
      return base;
    }
    const values = transactions.map((t) => t[rv.name as ValueName]).sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const out: ValueStats = {
      ...base,
      mean,
      min: values[0] as number,
      max: values[values.length - 1] as number,
    };
    if (rv.sta === 'vds') {
      out.p50 = quantile(values, 0.5);
      out.p95 = quantile(values, 0.95);
      out.p99 = quantile(values, 0.99);
    }
    return out;
  });
}

export async function runLocalScenario(
  scenario: Scenario,
  deps: { clock: Clock; rng: Rng; onTransaction?: (t: LocalTransaction) => void },
): Promise<LocalRunResult> {
  if (scenario.protocol.name !== 'Local') {
    throw new DomainError(
      'VALIDATION',
      `runLocalScenario runs Local scenarios, not ${scenario.protocol.name}`,
    );
  }
  const units = unitsOf(scenario);
  const { clock } = deps;
  const start = clock.now();
  const endAt = start + scenario.time.max * 1000;
  const maxIterations = scenario.protocol.iterations?.max ?? Number.POSITIVE_INFINITY;
  const transactions: LocalTransaction[] = [];
  let iterations = 0;

  const sleepFor = (call: LocalCall, rng: Rng): number => {
    switch (call.fn) {
      case 'constant':
        return call.range;
      case 'random':
        return rng.next() * call.range;
      case 'linear':
        return call.range * Math.min(1, (clock.now() - start) / (endAt - start));
    }
  };

  const client = async (thread: number): Promise<void> => {
    const rng = deps.rng.fork(`client:${thread}`);
    for (let i = 0; i < maxIterations && clock.now() < endAt; i++) {
      const order = scenario.protocol.mode === 'random' ? rng.shuffle(units) : units;
      for (const unit of order) {
        for (const { cmd, call, number } of unit.cmds) {
          if (clock.now() >= endAt) return;
          const began = clock.now();
          await clock.sleep(sleepFor(call, rng) * 1000);
          const done = clock.now();
          const t: LocalTransaction = {
            cmd: cmd.name,
            ...(unit.group ? { group: unit.group } : {}),
            wallClock: (done - start) / 1000,
            timeSpent: (done - began) / 1000,
            dataTransferred: ((done - began) / 1000) * 1024,
            commandNumber: number,
            threadNumber: thread,
            spy: cmd.spy,
          };
          transactions.push(t);
          deps.onTransaction?.(t);
        }
      }
      iterations++;
    }
  };

  await Promise.all(Array.from({ length: scenario.clients.number }, (_, thread) => client(thread)));
  return {
    transactions,
    iterations,
    elapsedSec: (clock.now() - start) / 1000,
    stats: localStats(transactions, scenario.protocol.retValues),
  };
}
