import { z } from 'zod';
import { EpochMs, Id } from './ids';
import { Step } from './sequence';
import { StrategySpec } from './strategy';

export const RUN_STATES = [
  'planned',
  'starting',
  'running',
  'stopping',
  'finished',
  'aborted',
  'failed',
] as const;
export const RunState = z.enum(RUN_STATES);
export type RunState = z.infer<typeof RunState>;

/** Allowed transitions of the run state machine. */
export const RUN_TRANSITIONS: Record<RunState, readonly RunState[]> = {
  planned: ['starting', 'aborted', 'failed'],
  starting: ['running', 'stopping', 'aborted', 'failed'],
  running: ['stopping', 'aborted', 'failed'],
  stopping: ['finished', 'aborted', 'failed'],
  finished: [],
  aborted: [],
  failed: [],
};

export function canTransition(from: RunState, to: RunState): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

export function isTerminal(state: RunState): boolean {
  return RUN_TRANSITIONS[state].length === 0;
}

export const RunMode = z.enum(['operator', 'esme', 'loop', 'local']);
export type RunMode = z.infer<typeof RunMode>;

export const RunOperator = z.object({
  operatorId: Id,
  minNumbers: z.number().int().min(1).max(1_000_000),
  maxNumbers: z.number().int().min(1).max(1_000_000),
});

/** A value kept per transaction and which statistics to compute from it (OpenLC `<retValues>`). */
export const RetValueSpec = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a retValue name is an XML element name'),
  units: z.string().max(20).default(''),
  /** vds: very detailed statistics (histogram), mean, minimal (mean, no histogram), none */
  sta: z.enum(['vds', 'mean', 'minimal', 'none']).default('none'),
  typecode: z.enum(['Int', 'Float']).default('Float'),
  spyplot: z.boolean().default(false),
});
export type RetValueSpec = z.infer<typeof RetValueSpec>;

/** Steps written inline (e.g. in a scenario file) rather than taken from the sequence library. */
export const InlineSequence = z.object({
  name: z.string().max(120).default(''),
  steps: z.array(Step).min(1).max(10_000),
});
export type InlineSequence = z.infer<typeof InlineSequence>;

/** What a user asks for when starting a stress run. */
export const StressPlan = z
  .object({
    name: z.string().max(120).default(''),
    connectionId: Id,
    mode: RunMode.default('operator'),
    operators: z.array(RunOperator).min(1),
    durationSec: z.number().int().min(1).max(86_400),
    strategy: StrategySpec,
    /** sequences to walk; empty = drawn at random per operator and number from the tenant's library */
    sequenceIds: z.array(Id).default([]),
    randomSequences: z.boolean().default(false),
    seed: z.number().int().default(1),
    /** histogram reduction (OpenLC `<reduction>`) */
    reduction: z
      .object({
        minElementsPerBin: z.number().int().min(1).default(10),
        maxBins: z.number().int().min(1).default(100),
      })
      .default({ minElementsPerBin: 10, maxBins: 100 }),
    /** name of the saved scenario this plan came from, if any */
    scenarioId: Id.optional(),
    /** sequences written inline; candidates alongside `sequenceIds` */
    inlineSequences: z.array(InlineSequence).default([]),
    /** OpenLC `<iterations max>`: how many times each number walks its sequence at most */
    iterationsMax: z.number().int().min(1).optional(),
    /** OpenLC `<sample small period>`: live sample mode (small = only the latest sample per poll) */
    sample: z.object({ small: z.boolean(), periodSec: z.number().positive() }).optional(),
    /** OpenLC `<retValues>`: which values to keep and their statistics */
    retValues: z.array(RetValueSpec).default([]),
  })
  .refine((p) => p.operators.every((o) => o.maxNumbers >= o.minNumbers), {
    message: 'maxNumbers must be >= minNumbers for every operator',
  });
export type StressPlan = z.infer<typeof StressPlan>;

export const StressRun = z.object({
  id: Id,
  tenantId: Id,
  plan: StressPlan,
  state: RunState,
  startedBy: Id,
  startedByName: z.string().default(''),
  createdAt: EpochMs,
  /** common start time given to every worker */
  startAt: EpochMs.optional(),
  endedAt: EpochMs.optional(),
  stateReason: z.string().max(2000).optional(),
  /** verdict against a baseline, filled after finalization */
  verdict: z.enum(['regressed', 'improved', 'no-change', 'none']).default('none'),
  scheduleId: Id.optional(),
  /** worker slots the run was dispatched to (run control) */
  slots: z.array(z.number().int().min(0)).default([]),
  /** run.done / run.error reports received from workers, one entry per worker */
  workerReports: z
    .array(
      z.object({
        workerId: z.string(),
        at: EpochMs,
        sent: z.number().int().nonnegative().default(0),
        error: z.string().max(2000).optional(),
      }),
    )
    .default([]),
  /** when the run entered `stopping` (duration over or stop asked) */
  stoppingSince: EpochMs.optional(),
});
export type StressRun = z.infer<typeof StressRun>;
