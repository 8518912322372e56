/**
 * How many workers each slot runs. On AWS one ECS service per slot (desired count 0 or 1: two
 * consumers on one slot queue are never allowed); locally the supervisor keeps every slot running,
 * so there the scaler does nothing.
 *
 * Run control calls `ensureRunning` for a run's slots before it sends run.prepare, and `release` for
 * the slots no live run needs any more. A slot never goes below `baseline` (default 1: idle workers
 * stay bound to the gateway so functional sessions keep working); with a baseline of 0 idle slots
 * stop their task.
 */
export interface FleetScaler {
  /** Asks for a worker on each slot (desired count 1 where it is 0). Resolves once requested, not once up. */
  ensureRunning(slots: readonly number[]): Promise<void>;
  /** Lets each slot go back down to the baseline (never raises a slot, never below the baseline). */
  release(slots: readonly number[]): Promise<void>;
}

/** The most workers a slot may run (one consumer per slot command queue). */
export const MAX_WORKERS_PER_SLOT = 1;

/** Desired count a released slot goes down to: min(current, baseline). */
export function releasedCount(current: number, baseline: number): number {
  return Math.min(current, Math.max(0, Math.min(baseline, MAX_WORKERS_PER_SLOT)));
}

/** For deployments whose fleet is kept running by someone else (the local cloud's supervisor). */
export const noFleetScaler: FleetScaler = {
  ensureRunning: async () => {},
  release: async () => {},
};
