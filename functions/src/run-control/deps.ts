import type { Operator } from '@gong/core/domain/operator';
import type { Sequence } from '@gong/core/domain/sequence';
import type { StressRun } from '@gong/core/domain/stress-run';
import type { Clock } from '@gong/core/ports/clock';
import type { FleetScaler } from '@gong/core/ports/fleet-scaler';
import type { QueuePort } from '@gong/core/ports/queue';
import type { EntityRepository, LeaseStore } from '@gong/core/ports/repository';
import type { Rng } from '@gong/core/rng';

/** Writes the run summary (the analyzer provides the real one: metrics → RunSummary → putSummary). */
export type SummarizeRun = (tenantId: string, runId: string) => Promise<unknown>;

export interface RunControlOptions {
  /** how long the stress lock lives without a renewal; ticks renew it */
  leaseMs: number;
  /** startAt = now + leadTimeMs, so every worker receives run.prepare before the common start */
  leadTimeMs: number;
  /** after the duration (or a stop), how long to wait for workers' run.done before finishing anyway */
  finishGraceMs: number;
}

export const DEFAULT_RUN_CONTROL_OPTIONS: RunControlOptions = {
  leaseMs: 60_000,
  leadTimeMs: 5_000,
  finishGraceMs: 30_000,
};

/** The stress lock's key in the lease store: one stress run per tenant. */
export const STRESS_LOCK_KEY = 'stress';

/** Everything run control needs, injected (tests pass the in-memory twins and a ManualClock). */
export interface RunControlDeps {
  runs: EntityRepository<StressRun>;
  leases: LeaseStore;
  operators: EntityRepository<Operator>;
  sequences: EntityRepository<Sequence>;
  queue: QueuePort;
  clock: Clock;
  /** draws run ids; number and sequence picks are seeded by the plan's own seed (replayable) */
  rng: Rng;
  summarize: SummarizeRun;
  options?: Partial<RunControlOptions>;
  /**
   * Scales the worker slots (ECS on AWS): a run's slots go up before run.prepare is sent; slots no
   * live run needs are released by the periodic `runs.tick-all`. Absent = the fleet is always up.
   */
  fleet?: FleetScaler;
}

/** Who is acting, from the verified token. */
export interface RunContext {
  tenantId: string;
  userId: string;
  userName: string;
}

export function optionsOf(deps: RunControlDeps): RunControlOptions {
  return { ...DEFAULT_RUN_CONTROL_OPTIONS, ...deps.options };
}

/** Whole epoch milliseconds (records hold integers; a precise clock has fractions). */
export function nowMs(deps: RunControlDeps): number {
  return Math.floor(deps.clock.now());
}
