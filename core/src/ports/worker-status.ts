import type { WorkerStatus } from '../messages/worker-event';

/**
 * Where fleet workers publish their status (one record per slot, overwritten every few seconds, with a
 * TTL so a dead worker disappears) and where the API/dashboard reads it. Not tenant-scoped: a slot
 * serves operators of many tenants; readers filter `binds` by their tenant.
 */
export interface WorkerStatusStore {
  put(status: WorkerStatus, ttlSec: number): Promise<void>;
  /** live status of a slot (expired records read as absent) */
  get(slot: number, now: number): Promise<WorkerStatus | undefined>;
  /** every live slot, by slot number */
  list(now: number): Promise<WorkerStatus[]>;
}
