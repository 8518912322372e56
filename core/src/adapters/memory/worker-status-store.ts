import { WorkerStatus } from '../../messages/worker-event';
import type { WorkerStatusStore } from '../../ports/worker-status';

/** In-memory twin of the worker status records (tests, single-process runs). */
export class MemoryWorkerStatusStore implements WorkerStatusStore {
  private readonly slots = new Map<number, { status: WorkerStatus; expiresAt: number }>();

  async put(status: WorkerStatus, ttlSec: number): Promise<void> {
    const valid = WorkerStatus.parse(status);
    this.slots.set(valid.slot, { status: structuredClone(valid), expiresAt: valid.at + ttlSec * 1000 });
  }

  async get(slot: number, now: number): Promise<WorkerStatus | undefined> {
    const hit = this.slots.get(slot);
    return hit !== undefined && hit.expiresAt > now ? structuredClone(hit.status) : undefined;
  }

  async list(now: number): Promise<WorkerStatus[]> {
    return [...this.slots.values()]
      .filter((s) => s.expiresAt > now)
      .map((s) => structuredClone(s.status))
      .sort((a, b) => a.slot - b.slot);
  }
}
