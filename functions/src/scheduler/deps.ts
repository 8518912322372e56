import type { Schedule } from '@gong/core/domain/schedule';
import type { MetricsStore } from '@gong/core/ports/metrics-store';
import type { EntityRepository } from '@gong/core/ports/repository';
import type { ScheduleTrigger } from '@gong/core/ports/schedule-trigger';
import type { RunControlDeps } from '../run-control/deps';

export interface SchedulerOptions {
  /** a fire that found another stress run in progress is retried once, this much later */
  retryDelayMs: number;
  /** the first outcome check comes this long after the run's planned end (startAt + duration) */
  checkAfterEndMs: number;
  /** while the run is still going, the next check comes this much later */
  checkIntervalMs: number;
  /** give up waiting for the run after this many checks (the outcome becomes `error`) */
  maxChecks: number;
  /** webhook POST timeout */
  webhookTimeoutMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  retryDelayMs: 10 * 60_000,
  checkAfterEndMs: 15_000,
  checkIntervalMs: 30_000,
  maxChecks: 240,
  webhookTimeoutMs: 5_000,
};

export type SchedulerLog = (entry: Record<string, unknown>) => void;

/** Everything the scheduler needs, injected (unit tests: twins + ManualClock; Lambda: AWS adapters). */
export interface SchedulerDeps {
  schedules: EntityRepository<Schedule>;
  /** run control (start a run; tick it while waiting for its end); its clock is the scheduler's clock */
  runControl: RunControlDeps;
  /** run summaries (the analyzer's metrics) */
  metrics: MetricsStore;
  trigger: ScheduleTrigger;
  /** webhook client (global fetch by default) */
  fetch?: typeof fetch;
  log: SchedulerLog;
  options?: Partial<SchedulerOptions>;
}

export function schedulerOptions(deps: SchedulerDeps): SchedulerOptions {
  return { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options };
}

export const nowOf = (deps: SchedulerDeps) => Math.floor(deps.runControl.clock.now());
