import { DomainError } from '../../domain/errors';
import { type FleetScaler, MAX_WORKERS_PER_SLOT, releasedCount } from '../../ports/fleet-scaler';

/** In-memory twin: desired counts per slot, with the same rules as the ECS adapter. */
export class MemoryFleetScaler implements FleetScaler {
  private readonly desired: number[];
  /** every change, in order: `slot N: a → b` */
  readonly changes: string[] = [];

  constructor(
    slotCount: number,
    readonly baseline = 1,
    initial = baseline,
  ) {
    this.desired = Array.from({ length: slotCount }, () => initial);
  }

  desiredCount(slot: number): number {
    return this.desired[this.check(slot)] ?? 0;
  }

  async ensureRunning(slots: readonly number[]): Promise<void> {
    for (const slot of slots) {
      if (this.desiredCount(slot) < MAX_WORKERS_PER_SLOT) this.set(slot, MAX_WORKERS_PER_SLOT);
    }
  }

  async release(slots: readonly number[]): Promise<void> {
    for (const slot of slots) {
      const current = this.desiredCount(slot);
      const next = releasedCount(current, this.baseline);
      if (next !== current) this.set(slot, next);
    }
  }

  private set(slot: number, count: number): void {
    this.changes.push(`slot ${slot}: ${this.desired[slot]} → ${count}`);
    this.desired[slot] = count;
  }

  private check(slot: number): number {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.desired.length) {
      throw new DomainError(
        'VALIDATION',
        `worker slot ${slot} does not exist (${this.desired.length} slots)`,
      );
    }
    return slot;
  }
}
