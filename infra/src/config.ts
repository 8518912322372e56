import { DEFAULT_FLEET_BASE_PORT, DEFAULT_SLOT_COUNT } from '@gong/core/infra/resources';
import { z } from 'zod';

/**
 * Deployment settings, read from CDK context (`cdk.json` or `-c key=value`). Values given on the
 * command line arrive as strings, hence the coercions. Nothing here needs AWS credentials: synth is
 * env-agnostic unless `account` and `region` are both given.
 */
export const GongConfig = z
  .object({
    /** physical names are `${prefix}-${logical}`; also the CloudFormation stack name */
    prefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,19}$/, 'prefix: 2-20 chars, lowercase letters, digits and dashes'),
    slotCount: z.coerce.number().int().min(1).max(40),
    fleetBasePort: z.coerce.number().int().min(1024).max(65_000),
    /** optional explicit environment; both or neither */
    account: z
      .string()
      .regex(/^\d{12}$/, 'account: 12 digits')
      .optional(),
    region: z.string().min(1).optional(),
    /** reserved concurrency of the analyzer (keeps DynamoDB write pressure bounded) */
    analyzerConcurrency: z.coerce.number().int().min(1).max(1000),
    /** who may open SMPP connections to the fleet's load balancer */
    gatewayCidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'gatewayCidr: an IPv4 CIDR'),
    /** fleet desired count per slot at deploy time; omitted = leave run control's value alone */
    fleetDesiredCount: z.coerce.number().int().min(0).max(1).optional(),
    /** workers an idle slot keeps (run control releases slots down to it): 1 keeps functional sessions working */
    fleetBaseline: z.coerce.number().int().min(0).max(1),
    webDesiredCount: z.coerce.number().int().min(0).max(10),
    natGateways: z.coerce.number().int().min(0).max(3),
    /** `destroy` for throw-away dev stacks; tables and the user pool are retained otherwise */
    removal: z.enum(['retain', 'destroy']),
  })
  .refine((c) => (c.account === undefined) === (c.region === undefined), {
    message: 'give both account and region in context, or neither (env-agnostic synth)',
  })
  .refine((c) => c.fleetBasePort + c.slotCount <= 65_535, { message: 'fleetBasePort + slotCount > 65535' });
export type GongConfig = z.infer<typeof GongConfig>;

export const DEFAULT_CONFIG: GongConfig = {
  prefix: 'gong',
  slotCount: DEFAULT_SLOT_COUNT,
  fleetBasePort: DEFAULT_FLEET_BASE_PORT,
  analyzerConcurrency: 5,
  gatewayCidr: '0.0.0.0/0',
  fleetBaseline: 1,
  webDesiredCount: 1,
  natGateways: 0,
  removal: 'retain',
};

const KEYS = Object.keys(GongConfig.shape) as (keyof GongConfig)[];

/** Reads every known key from a context getter (e.g. `(k) => app.node.tryGetContext(k)`). */
export function configFromContext(get: (key: string) => unknown): GongConfig {
  const raw: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const key of KEYS) {
    const value = get(key);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = GongConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'context'}: ${i.message}`);
    throw new Error(`invalid CDK context for Gong:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
