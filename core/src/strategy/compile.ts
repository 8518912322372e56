import { DomainError } from '../domain/errors';
import type { StrategySpec } from '../domain/strategy';
import { balancedGrowthCurve, constantCurve, customCurve, messagesInSecond, type RateCurve } from './curves';
import { integerCounts, randomNumberSchedule } from './schedule';

/** One operator taking part in a run, with how many numbers it uses. */
export interface StrategyOperator {
  operatorId: string;
  numberCount: number;
}

export interface CompileInput {
  spec: StrategySpec;
  durationSec: number;
  /** in run order: balanced growth staggers them in this order */
  operators: readonly StrategyOperator[];
  /** seeds the random strategy */
  seed?: number;
}

export interface CompiledOperator {
  operatorId: string;
  numberCount: number;
  /** seconds after the run start when this operator begins (delay + stagger) */
  startSec: number;
  /** seconds after the run start when it stops (≤ the run duration) */
  endSec: number;
  /** expected messages in each second of the run (fractional; index 0 = first second) */
  perSecond: number[];
  /** random strategy only: per number, send offsets in ms from the run start, ascending */
  numberSchedules?: number[][];
}

export interface CompiledStrategy {
  kind: StrategySpec['kind'];
  durationSec: number;
  operators: CompiledOperator[];
  /** things the user should know (an operator whose window is empty, …) */
  warnings: string[];
}

/** Compiles a strategy into per-operator per-second targets (and per-number schedules for random). */
export function compileStrategy(input: CompileInput): CompiledStrategy {
  const { spec, durationSec } = input;
  if (!Number.isInteger(durationSec) || durationSec < 1) {
    throw new DomainError(
      'VALIDATION',
      `run duration must be a whole number of seconds >= 1, got ${durationSec}`,
    );
  }
  if (input.operators.length === 0)
    throw new DomainError('VALIDATION', 'a strategy needs at least one operator');
  for (const op of input.operators) {
    if (!Number.isInteger(op.numberCount) || op.numberCount < 1) {
      throw new DomainError('VALIDATION', `operator ${op.operatorId} needs at least one number`);
    }
  }
  if (spec.kind === 'balanced-growth' && spec.maxRate < spec.minRate) {
    throw new DomainError(
      'VALIDATION',
      `balanced growth: maxRate ${spec.maxRate} is below minRate ${spec.minRate}`,
    );
  }
  if (spec.kind === 'random' && spec.maxPerNumber < spec.minPerNumber) {
    throw new DomainError(
      'VALIDATION',
      `random strategy: maxPerNumber ${spec.maxPerNumber} is below minPerNumber ${spec.minPerNumber}`,
    );
  }
  const known = new Set(input.operators.map((o) => o.operatorId));
  for (const shape of spec.operators) {
    if (!known.has(shape.operatorId)) {
      throw new DomainError(
        'VALIDATION',
        `strategy names operator ${shape.operatorId}, which is not in the run`,
      );
    }
  }
  const warnings: string[] = [];
  const operators = input.operators.map((op, index) => {
    const compiled = compileOperator(input, op, index);
    if (compiled.endSec <= compiled.startSec) {
      warnings.push(
        `operator ${op.operatorId} starts at ${compiled.startSec}s, after the run ends: it sends nothing`,
      );
    }
    return compiled;
  });
  return { kind: spec.kind, durationSec, operators, warnings };
}

function compileOperator(input: CompileInput, op: StrategyOperator, index: number): CompiledOperator {
  const { spec, durationSec } = input;
  const shape = spec.operators.find((o) => o.operatorId === op.operatorId);
  const stagger = spec.kind === 'balanced-growth' ? index * spec.staggerSec : 0;
  const startSec = Math.min(durationSec, (shape?.startDelaySec ?? 0) + stagger);
  const endSec = Math.min(durationSec, startSec + (shape?.runningTimeSec ?? durationSec));
  const base = { operatorId: op.operatorId, numberCount: op.numberCount, startSec, endSec };

  if (spec.kind === 'random') {
    const numberSchedules: number[][] = [];
    const perSecond = new Array<number>(durationSec).fill(0);
    for (let n = 0; n < op.numberCount; n++) {
      const times = randomNumberSchedule(
        input.seed ?? 1,
        op.operatorId,
        n,
        spec.minPerNumber,
        spec.maxPerNumber,
        startSec * 1000,
        endSec * 1000,
      );
      for (const at of times) {
        const s = Math.floor(at / 1000);
        perSecond[s] = (perSecond[s] as number) + 1;
      }
      numberSchedules.push(times);
    }
    return { ...base, perSecond, numberSchedules };
  }

  const curve = curveFor(spec, op, endSec - startSec);
  const perSecond: number[] = [];
  for (let s = 0; s < durationSec; s++) perSecond.push(messagesInSecond(curve, s, startSec, endSec));
  return { ...base, perSecond };
}

function curveFor(
  spec: Exclude<StrategySpec, { kind: 'random' }>,
  op: StrategyOperator,
  windowSec: number,
): RateCurve {
  switch (spec.kind) {
    case 'full-force':
      return constantCurve(spec.ratePerNumber * op.numberCount);
    case 'balanced-growth':
      return balancedGrowthCurve(spec.minRate, spec.maxRate, spec.rampSec);
    case 'custom': {
      const shape = spec.operators.find((o) => o.operatorId === op.operatorId);
      if (!shape) {
        throw new DomainError(
          'VALIDATION',
          `custom strategy has no curve for operator ${op.operatorId} (give it minRate, maxRate and optionally a curve)`,
        );
      }
      return customCurve(shape.curve, shape.minRate, shape.maxRate, windowSec);
    }
  }
}

export interface OperatorPreview {
  operatorId: string;
  /** expected messages per second (fractional target) */
  perSecond: number[];
  /** whole messages that will be sent in each second (remainder carried) */
  counts: number[];
  totalMessages: number;
}

export interface StrategyPreview {
  kind: StrategySpec['kind'];
  durationSec: number;
  operators: OperatorPreview[];
  /** expected messages per second over all operators */
  total: number[];
  totalMessages: number;
  peakPerSecond: number;
  warnings: string[];
}

/** What the UI draws before a run: expected messages per second per operator and in total. */
export function previewStrategy(input: CompileInput | CompiledStrategy): StrategyPreview {
  const compiled = 'spec' in input ? compileStrategy(input) : input;
  const total = new Array<number>(compiled.durationSec).fill(0);
  const operators = compiled.operators.map((op) => {
    const counts = [...integerCounts(op.perSecond)];
    counts.forEach((c, s) => {
      total[s] = (total[s] as number) + c;
    });
    return {
      operatorId: op.operatorId,
      perSecond: op.perSecond,
      counts,
      totalMessages: counts.reduce((a, b) => a + b, 0),
    };
  });
  return {
    kind: compiled.kind,
    durationSec: compiled.durationSec,
    operators,
    total,
    totalMessages: operators.reduce((a, o) => a + o.totalMessages, 0),
    peakPerSecond: total.reduce((a, b) => Math.max(a, b), 0),
    warnings: compiled.warnings,
  };
}
