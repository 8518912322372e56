import {
  DescribeServicesCommand,
  type DescribeServicesCommandInput,
  type DescribeServicesCommandOutput,
  ECSClient,
  UpdateServiceCommand,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { DomainError } from '../../domain/errors';
import {
  type FleetScaler,
  MAX_WORKERS_PER_SLOT,
  noFleetScaler,
  releasedCount,
} from '../../ports/fleet-scaler';

/** The two ECS calls the scaler makes (the SDK client in production, a stub in the adapter's unit test). */
export interface EcsServicesApi {
  describeServices(input: DescribeServicesCommandInput): Promise<DescribeServicesCommandOutput>;
  updateService(input: UpdateServiceCommandInput): Promise<unknown>;
}

export function ecsServicesApi(client: ECSClient): EcsServicesApi {
  return {
    describeServices: (input) => client.send(new DescribeServicesCommand(input)),
    updateService: (input) => client.send(new UpdateServiceCommand(input)),
  };
}

export interface EcsFleetScalerOptions {
  cluster: string;
  /** service name per slot: index = slot */
  services: readonly string[];
  /** a released slot goes down to this many workers (0 or 1) */
  baseline: number;
}

/** DescribeServices takes at most 10 services per call. */
const DESCRIBE_LIMIT = 10;

/**
 * FleetScaler over ECS: one Fargate service per slot, desired count 0 or 1. Reads the desired counts
 * first and updates only the services that must change, so repeated calls (every tick) are cheap and
 * leave no deployment events behind.
 */
export class EcsFleetScaler implements FleetScaler {
  constructor(
    private readonly api: EcsServicesApi,
    private readonly options: EcsFleetScalerOptions,
  ) {}

  async ensureRunning(slots: readonly number[]): Promise<void> {
    await this.adjust(slots, (current) => Math.max(current, MAX_WORKERS_PER_SLOT));
  }

  async release(slots: readonly number[]): Promise<void> {
    await this.adjust(slots, (current) => releasedCount(current, this.options.baseline));
  }

  private serviceOf(slot: number): string {
    const name = Number.isInteger(slot) && slot >= 0 ? this.options.services[slot] : undefined;
    if (!name) {
      throw new DomainError(
        'VALIDATION',
        `worker slot ${slot} has no fleet service (GONG_FLEET_SERVICES names ${this.options.services.length})`,
      );
    }
    return name;
  }

  private async adjust(slots: readonly number[], target: (current: number) => number): Promise<void> {
    const names = [...new Set(slots.map((slot) => this.serviceOf(slot)))];
    const current = await this.desiredCounts(names);
    await Promise.all(
      names.map(async (service) => {
        const now = current.get(service) ?? 0;
        const desiredCount = target(now);
        if (desiredCount === now) return;
        await this.call(`scale ${service} to ${desiredCount}`, () =>
          this.api.updateService({ cluster: this.options.cluster, service, desiredCount }),
        );
      }),
    );
  }

  private async desiredCounts(names: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < names.length; i += DESCRIBE_LIMIT) {
      const chunk = names.slice(i, i + DESCRIBE_LIMIT);
      const page = await this.call(`describe ${chunk.join(', ')}`, () =>
        this.api.describeServices({ cluster: this.options.cluster, services: chunk }),
      );
      const failure = page.failures?.[0];
      if (failure) {
        throw new DomainError(
          'UNAVAILABLE',
          `ECS service ${failure.arn ?? '?'} in cluster ${this.options.cluster}: ${failure.reason ?? 'unknown failure'}`,
        );
      }
      for (const s of page.services ?? []) {
        if (s.serviceName) out.set(s.serviceName, s.desiredCount ?? 0);
      }
    }
    for (const name of names) {
      if (!out.has(name)) {
        throw new DomainError(
          'UNAVAILABLE',
          `ECS service ${name} not found in cluster ${this.options.cluster}`,
        );
      }
    }
    return out;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof DomainError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new DomainError('UNAVAILABLE', `fleet scaling failed (${what}): ${message}`, { cause: e });
    }
  }
}

export interface FleetScalerConfig {
  region: string;
  /** GONG_ECS_CLUSTER; absent = no ECS fleet (the local cloud's supervisor runs the workers) */
  cluster?: string;
  /** GONG_FLEET_SERVICES, comma separated, index = slot */
  services?: string;
  baseline: number;
  /** AWS_ENDPOINT_URL_ECS / AWS_ENDPOINT_URL (LocalStack) */
  endpoint?: string;
}

/** The ECS scaler when the cluster and the services are configured, otherwise one that does nothing. */
export function fleetScalerFrom(config: FleetScalerConfig): FleetScaler {
  const services = (config.services ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (!config.cluster && services.length === 0) return noFleetScaler;
  if (!config.cluster || services.length === 0) {
    throw new DomainError(
      'VALIDATION',
      'fleet scaling needs both GONG_ECS_CLUSTER and GONG_FLEET_SERVICES (or neither, when no ECS fleet is used)',
    );
  }
  const client = new ECSClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    maxAttempts: 3,
  });
  return new EcsFleetScaler(ecsServicesApi(client), {
    cluster: config.cluster,
    services,
    baseline: config.baseline,
  });
}
