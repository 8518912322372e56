import type { StackPorts } from './stack-config';

/** The environment every child of the local cloud gets: emulators as endpoints, local auth. */
export function childEnv(
  base: NodeJS.ProcessEnv,
  config: {
    ports: StackPorts;
    endpoints: { dynamodb?: string; sqs?: string };
    prefix: string;
    region: string;
    slotCount: number;
    jwtSecret: string;
    nextAuthSecret: string;
  },
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    AWS_REGION: config.region,
    AWS_ACCESS_KEY_ID: base.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: base.AWS_SECRET_ACCESS_KEY ?? 'local',
    GONG_PREFIX: config.prefix,
    GONG_SLOT_COUNT: String(config.slotCount),
    GONG_FLEET_BASE_PORT: String(config.ports.fleetBase),
    GONG_AUTH_MODE: 'local',
    GONG_JWT_SECRET: config.jwtSecret,
    GONG_JWT_ISSUER: 'gong-local',
    GONG_API_URL: `http://127.0.0.1:${config.ports.api}`,
    GONG_API_PORT: String(config.ports.api),
    GONG_WEB_PORT: String(config.ports.web),
    NEXTAUTH_SECRET: config.nextAuthSecret,
    NEXTAUTH_URL: `http://127.0.0.1:${config.ports.web}`,
    NEXT_TELEMETRY_DISABLED: '1',
    GONG_SUPERVISOR_PID: String(process.pid),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  if (config.endpoints.dynamodb) env.AWS_ENDPOINT_URL_DYNAMODB = config.endpoints.dynamodb;
  if (config.endpoints.sqs) env.AWS_ENDPOINT_URL_SQS = config.endpoints.sqs;
  return env;
}
