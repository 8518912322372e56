import type { Schedule } from '../domain/schedule';
import type { ScheduleEvent } from '../messages/schedule-event';

/**
 * What makes a saved schedule fire. On AWS an EventBridge Scheduler entry per schedule (its input is a
 * `schedule.fire` ScheduleEvent) plus one-time `at(...)` entries for busy retries and outcome checks;
 * locally nothing is created for recurring schedules (the local timer reads the schedules table) and
 * one-time events wait in memory until the timer's tick reaches them.
 */
export interface ScheduleTrigger {
  /** Creates or replaces the recurring trigger of a saved schedule (a disabled one stops firing). */
  upsert(schedule: Schedule): Promise<void>;
  /** Removes the recurring trigger; deleting one that does not exist is not an error. */
  delete(tenantId: string, scheduleId: string): Promise<void>;
  /**
   * Delivers `event` to the scheduler once, at or soon after `at` (epoch ms). Asking twice for the same
   * event and time creates it once.
   */
  once(event: ScheduleEvent, at: number): Promise<void>;
}
