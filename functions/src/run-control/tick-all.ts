import { isTerminal, type StressRun } from '@gong/core/domain/stress-run';
import type { TenantRepository } from '@gong/core/ports/repository';
import type { RunControlDeps } from './deps';
import { tickLiveRuns } from './supervisor';

/** What the all-tenant tick needs beyond run control itself. */
export interface TickAllDeps {
  tenants: Pick<TenantRepository, 'list'>;
  /** slots 0..slotCount-1 exist (GONG_SLOT_COUNT) */
  slotCount: number;
}

/** One tick of every live run of every tenant; returns the runs ticked (in their new state). */
export async function tickAllRuns(deps: RunControlDeps, all: TickAllDeps): Promise<StressRun[]> {
  const ticked: StressRun[] = [];
  let cursor: string | undefined;
  do {
    const page = await all.tenants.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const tenant of page.items) ticked.push(...(await tickLiveRuns(deps, tenant.id)));
    cursor = page.cursor;
  } while (cursor);
  return ticked;
}

export interface FleetPlan {
  /** slots some live run uses: kept running */
  running: number[];
  /** every other slot: released down to the baseline */
  released: number[];
}

/** Which slots live runs (of any tenant) need, and which they do not. */
export function fleetPlanOf(liveRuns: readonly StressRun[], slotCount: number): FleetPlan {
  const needed = new Set(liveRuns.filter((r) => !isTerminal(r.state)).flatMap((r) => r.slots));
  const all = Array.from({ length: slotCount }, (_, slot) => slot);
  return {
    running: all.filter((slot) => needed.has(slot)),
    released: all.filter((slot) => !needed.has(slot)),
  };
}

/**
 * Brings the fleet in line with the live runs of all tenants: their slots up, the others released (to
 * the scaler's baseline). Built from a full pass over every tenant, so a slot another tenant's run
 * still uses is never released; runs ended anywhere (API abort, analyzer, scheduler) are caught up.
 */
export async function reconcileFleet(
  deps: RunControlDeps,
  liveRuns: readonly StressRun[],
  slotCount: number,
): Promise<FleetPlan | undefined> {
  if (!deps.fleet) return undefined;
  const plan = fleetPlanOf(liveRuns, slotCount);
  if (plan.running.length > 0) await deps.fleet.ensureRunning(plan.running);
  if (plan.released.length > 0) await deps.fleet.release(plan.released);
  return plan;
}
