import { handler } from '@gong/functions/scheduler/handler';
import { describe, expect, it } from 'vitest';

describe('scheduler Lambda handler', () => {
  it('drops a payload that is not a ScheduleEvent with a reason (retrying could not fix it)', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const result = await handler({ type: 'schedule.fire', v: 2, tenantId: 't', scheduleId: 's' });
      expect(result).toEqual({
        kind: 'rejected',
        reason: expect.stringContaining('not a schedule event: v'),
      });
      expect(await handler('not json')).toEqual({
        kind: 'rejected',
        reason: 'a schedule event must be JSON',
      });
    } finally {
      console.error = original;
    }
    expect(errors.map((e) => JSON.parse(e).msg)).toEqual([
      'rejected schedule payload',
      'rejected schedule payload',
    ]);
  });

  it('needs the EventBridge names to run a valid event, and says which', async () => {
    await expect(handler({ type: 'schedule.fire', v: 1, tenantId: 't', scheduleId: 's' })).rejects.toThrow(
      /needs GONG_SCHEDULE_GROUP, GONG_SCHEDULE_ROLE_ARN and GONG_SCHEDULE_TARGET_ARN/,
    );
  });
});
