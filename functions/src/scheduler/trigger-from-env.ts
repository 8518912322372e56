import { EventBridgeScheduleTrigger } from '@gong/core/adapters/aws/eventbridge-scheduler';
import type { ScheduleTrigger } from '@gong/core/ports/schedule-trigger';
import type { SchedulerEnv } from './env';

/**
 * EventBridge Scheduler when the group, role and target are configured (AWS, LocalStack); otherwise
 * undefined — locally the timer reads the schedules and nothing needs creating. Half a configuration
 * is a deployment mistake: it fails with a message naming what is missing.
 */
export function triggerFromEnv(e: SchedulerEnv, region: string): ScheduleTrigger | undefined {
  const names = {
    GONG_SCHEDULE_GROUP: e.GONG_SCHEDULE_GROUP,
    GONG_SCHEDULE_ROLE_ARN: e.GONG_SCHEDULE_ROLE_ARN,
    GONG_SCHEDULE_TARGET_ARN: e.GONG_SCHEDULE_TARGET_ARN,
  };
  const missing = Object.entries(names).filter(([, v]) => v === undefined);
  if (missing.length === 3) return undefined;
  if (
    missing.length > 0 ||
    !e.GONG_SCHEDULE_GROUP ||
    !e.GONG_SCHEDULE_ROLE_ARN ||
    !e.GONG_SCHEDULE_TARGET_ARN
  ) {
    throw new Error(
      `EventBridge schedules need GONG_SCHEDULE_GROUP, GONG_SCHEDULE_ROLE_ARN and GONG_SCHEDULE_TARGET_ARN; missing ${missing.map(([k]) => k).join(', ')}`,
    );
  }
  return new EventBridgeScheduleTrigger({
    region,
    group: e.GONG_SCHEDULE_GROUP,
    roleArn: e.GONG_SCHEDULE_ROLE_ARN,
    targetArn: e.GONG_SCHEDULE_TARGET_ARN,
    ...(e.AWS_ENDPOINT_URL_SCHEDULER ? { endpoint: e.AWS_ENDPOINT_URL_SCHEDULER } : {}),
  });
}
