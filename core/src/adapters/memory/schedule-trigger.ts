import type { Schedule } from '../../domain/schedule';
import type { ScheduleEvent } from '../../messages/schedule-event';
import type { ScheduleTrigger } from '../../ports/schedule-trigger';

export interface MemoryTriggerEntry {
  cron: string;
  enabled: boolean;
}

/**
 * In-memory twin of the trigger: keeps the recurring entries (for inspection; the local timer reads
 * the schedules themselves) and the one-time events until `takeDue` hands them out.
 */
export class MemoryScheduleTrigger implements ScheduleTrigger {
  readonly entries = new Map<string, MemoryTriggerEntry>();
  private pending = new Map<string, { event: ScheduleEvent; at: number }>();

  async upsert(schedule: Schedule): Promise<void> {
    this.entries.set(key(schedule.tenantId, schedule.id), { cron: schedule.cron, enabled: schedule.enabled });
  }

  async delete(tenantId: string, scheduleId: string): Promise<void> {
    this.entries.delete(key(tenantId, scheduleId));
  }

  async once(event: ScheduleEvent, at: number): Promise<void> {
    const id = `${at}:${JSON.stringify(event)}`;
    if (!this.pending.has(id)) this.pending.set(id, { event, at });
  }

  /** One-time events whose time has come (removed), earliest first. */
  takeDue(now: number): ScheduleEvent[] {
    const due = [...this.pending.entries()].filter(([, p]) => p.at <= now).sort((a, b) => a[1].at - b[1].at);
    for (const [id] of due) this.pending.delete(id);
    return due.map(([, p]) => p.event);
  }

  /** One-time events not yet due, for tests and the timer's status. */
  waiting(): { event: ScheduleEvent; at: number }[] {
    return [...this.pending.values()].sort((a, b) => a.at - b.at);
  }
}

const key = (tenantId: string, scheduleId: string) => `${tenantId}/${scheduleId}`;
