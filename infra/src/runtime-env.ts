/**
 * Environment variable names the CDK app sets on the Lambda functions, the fleet tasks and the web
 * task. The runtime env modules (functions/, smpp-fleet/, web/) parse these; keep both sides in step.
 * AWS_REGION is set by Lambda itself and explicitly on the ECS tasks.
 */
export const ENV = {
  /** physical names: `${prefix}-${logical}` (core/src/infra/resources.ts) */
  prefix: 'GONG_PREFIX',
  slotCount: 'GONG_SLOT_COUNT',
  fleetBasePort: 'GONG_FLEET_BASE_PORT',
  /** physical table names, for convenience (equal to `${prefix}-config` / `${prefix}-metrics`) */
  configTable: 'GONG_CONFIG_TABLE',
  metricsTable: 'GONG_METRICS_TABLE',
  /** fleet task only: its slot (the SMPP port is fleetBasePort + slot) */
  slot: 'GONG_SLOT',
  /** functions: `cognito` on AWS (ID tokens verified against the pool and the app client) */
  authMode: 'GONG_AUTH_MODE',
  /** Cognito issuer `https://cognito-idp.<region>.amazonaws.com/<poolId>` */
  jwtIssuer: 'GONG_JWT_ISSUER',
  userPoolId: 'COGNITO_USER_POOL_ID',
  /** the one app client (web next-auth provider and the API's /auth/login) */
  clientId: 'COGNITO_CLIENT_ID',
  /** web task: same issuer, for next-auth's Cognito provider */
  cognitoIssuer: 'COGNITO_ISSUER',
  /** EventBridge Scheduler: group name, role ARN to pass, target (scheduler function) ARN */
  scheduleGroup: 'GONG_SCHEDULE_GROUP',
  scheduleRoleArn: 'GONG_SCHEDULE_ROLE_ARN',
  scheduleTargetArn: 'GONG_SCHEDULE_TARGET_ARN',
  /** run control Lambda (name) for the API and the scheduler to invoke */
  runControlFunction: 'GONG_RUN_CONTROL_FUNCTION',
  /** run control: ECS cluster and the fleet service names, comma separated, index = slot */
  ecsCluster: 'GONG_ECS_CLUSTER',
  fleetServices: 'GONG_FLEET_SERVICES',
  /** run control: workers an idle slot keeps (0 or 1) */
  fleetBaseline: 'GONG_FLEET_BASELINE',
  /** public URLs */
  apiUrl: 'GONG_API_URL',
  webUrl: 'GONG_WEB_URL',
} as const;
