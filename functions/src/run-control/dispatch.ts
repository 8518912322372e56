import { DomainError } from '@gong/core/domain/errors';
import { msisdnAt, type Operator, rangeSize } from '@gong/core/domain/operator';
import type { Step } from '@gong/core/domain/sequence';
import type { StressPlan } from '@gong/core/domain/stress-run';
import type { FleetCommand, OperatorLoad } from '@gong/core/messages/fleet-command';
import type { Rng } from '@gong/core/rng';
import { compileStrategy } from '@gong/core/strategy/compile';

export type PrepareCommand = Extract<FleetCommand, { type: 'run.prepare' }>;

/** A sequence the numbers of a run may walk: from the library (with its id) or written inline. */
export interface CandidateSequence {
  id: string;
  steps: Step[];
}

/** `count` distinct indices in [0, total), ascending (Floyd's algorithm: O(count) memory). */
export function sampleIndices(rng: Rng, total: number, count: number): number[] {
  const chosen = new Set<number>();
  for (let j = total - count; j < total; j++) {
    const t = rng.int(0, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Picks between min and max numbers of an operator (seeded) and spells them out. */
export function pickNumbers(rng: Rng, operator: Operator, minNumbers: number, maxNumbers: number): string[] {
  const total = operator.numberRanges.reduce((a, r) => a + rangeSize(r), 0);
  if (minNumbers > total) {
    throw new DomainError(
      'VALIDATION',
      `operator ${operator.name} has ${total} numbers, the run asks for at least ${minNumbers}`,
    );
  }
  const count = rng.int(minNumbers, Math.min(maxNumbers, total));
  return sampleIndices(rng, total, count).map((index) => {
    let i = index;
    for (const range of operator.numberRanges) {
      const size = rangeSize(range);
      if (i < size) return msisdnAt(range, i);
      i -= size;
    }
    throw new Error(`number index ${index} out of range`);
  });
}

export interface DispatchInput {
  tenantId: string;
  runId: string;
  plan: StressPlan;
  /** the plan's operators, in plan order */
  operators: Operator[];
  candidates: CandidateSequence[];
  /** draw each number's sequence at random (else round-robin over the candidates) */
  randomSequences: boolean;
  startAt: number;
  rng: Rng;
}

/** One run.prepare per worker slot hosting the plan's operators, all with the same startAt. */
export function buildPrepareCommands(input: DispatchInput): Map<number, PrepareCommand> {
  const { plan, rng, candidates } = input;
  if (candidates.length === 0) throw new DomainError('VALIDATION', 'the run has no sequence to send');
  const picked = input.operators.map((operator, i) => {
    const runOp = plan.operators[i];
    if (!runOp) throw new Error('operators and plan operators differ in length');
    const numbers = pickNumbers(
      rng.fork(`numbers:${operator.id}`),
      operator,
      runOp.minNumbers,
      runOp.maxNumbers,
    );
    return { operator, numbers };
  });
  const compiled = compileStrategy({
    spec: plan.strategy,
    durationSec: plan.durationSec,
    operators: picked.map((p) => ({ operatorId: p.operator.id, numberCount: p.numbers.length })),
    seed: plan.seed,
  });
  const bySlot = new Map<number, PrepareCommand>();
  picked.forEach(({ operator, numbers }, i) => {
    const compiledOp = compiled.operators[i];
    if (!compiledOp) throw new Error('compiled strategy lost an operator');
    const seqRng = rng.fork(`sequences:${operator.id}`);
    const load: OperatorLoad = {
      operatorId: operator.id,
      perSecond: compiledOp.perSecond,
      numbers,
      sequenceOfNumber: numbers.map((_, n) =>
        input.randomSequences ? seqRng.int(0, candidates.length - 1) : n % candidates.length,
      ),
      ...(compiledOp.numberSchedules ? { numberSchedules: compiledOp.numberSchedules } : {}),
    };
    const existing = bySlot.get(operator.slot);
    if (existing) {
      existing.operators.push(load);
      return;
    }
    bySlot.set(operator.slot, {
      type: 'run.prepare',
      v: 1,
      tenantId: input.tenantId,
      runId: input.runId,
      mode: plan.mode,
      startAt: input.startAt,
      durationSec: plan.durationSec,
      sequences: candidates.map((c) => c.steps),
      sequenceIds: candidates.map((c) => c.id),
      operators: [load],
      encoding: 'auto',
      window: 1000,
    });
  });
  return bySlot;
}
