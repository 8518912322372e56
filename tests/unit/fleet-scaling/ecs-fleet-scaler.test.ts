import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EcsFleetScaler,
  type EcsServicesApi,
  fleetScalerFrom,
} from '@gong/core/adapters/aws/ecs-fleet-scaler';
import { isDomainError } from '@gong/core/domain/errors';
import { noFleetScaler } from '@gong/core/ports/fleet-scaler';
import { afterEach, describe, expect, it } from 'vitest';

const SERVICES = ['gong-fleet-slot-0', 'gong-fleet-slot-1', 'gong-fleet-slot-2'];

/** A stubbed ECS API (adapter unit test): desired counts per service, every update recorded. */
function stubEcs(initial: Record<string, number>) {
  const desired = new Map(Object.entries(initial));
  const updates: string[] = [];
  let describes = 0;
  const api: EcsServicesApi = {
    describeServices: async ({ cluster, services = [] }) => {
      describes++;
      expect(cluster).toBe('gong-fleet');
      return {
        $metadata: {},
        services: services
          .filter((name) => desired.has(name))
          .map((name) => ({ serviceName: name, desiredCount: desired.get(name) })),
        failures: services
          .filter((name) => !desired.has(name))
          .map((name) => ({ arn: name, reason: 'MISSING' })),
      };
    },
    updateService: async ({ service, desiredCount }) => {
      updates.push(`${service}=${desiredCount}`);
      desired.set(service as string, desiredCount as number);
      return {};
    },
  };
  return { api, desired, updates, describes: () => describes };
}

const scaler = (api: EcsServicesApi, baseline = 1) =>
  new EcsFleetScaler(api, { cluster: 'gong-fleet', services: SERVICES, baseline });

describe('EcsFleetScaler', () => {
  it('ensureRunning scales only the stopped slots of the run up to one task', async () => {
    const ecs = stubEcs({ 'gong-fleet-slot-0': 0, 'gong-fleet-slot-1': 1, 'gong-fleet-slot-2': 0 });
    await scaler(ecs.api).ensureRunning([0, 1]);
    expect(ecs.updates).toEqual(['gong-fleet-slot-0=1']);
    expect(ecs.desired.get('gong-fleet-slot-2')).toBe(0);
  });

  it('release goes down to the baseline only: baseline 1 changes nothing, baseline 0 stops the slots', async () => {
    const ecs = stubEcs({ 'gong-fleet-slot-0': 1, 'gong-fleet-slot-1': 1, 'gong-fleet-slot-2': 0 });
    await scaler(ecs.api, 1).release([0, 1, 2]);
    expect(ecs.updates).toEqual([]);
    await scaler(ecs.api, 0).release([1, 2]);
    expect(ecs.updates).toEqual(['gong-fleet-slot-1=0']);
    expect(ecs.desired.get('gong-fleet-slot-0')).toBe(1);
  });

  it('a slot without a service, or a service ECS does not know, is a clear error', async () => {
    const ecs = stubEcs({ 'gong-fleet-slot-0': 0 });
    await expect(scaler(ecs.api).ensureRunning([5])).rejects.toThrow(/slot 5 has no fleet service/);
    const missing = await scaler(ecs.api)
      .ensureRunning([1])
      .catch((e: unknown) => e);
    expect(isDomainError(missing, 'UNAVAILABLE')).toBe(true);
    expect(String(missing)).toMatch(/gong-fleet-slot-1.*MISSING/);
    expect(ecs.updates).toEqual([]);
  });

  it('ECS failures become UNAVAILABLE with the cause kept', async () => {
    const cause = new Error('Rate exceeded');
    const api: EcsServicesApi = {
      describeServices: async () => {
        throw cause;
      },
      updateService: async () => ({}),
    };
    const error = await scaler(api)
      .ensureRunning([0])
      .catch((e: unknown) => e);
    expect(isDomainError(error, 'UNAVAILABLE')).toBe(true);
    expect((error as Error).cause).toBe(cause);
    expect(String(error)).toMatch(/Rate exceeded/);
  });
});

describe('fleetScalerFrom (env wiring)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('without GONG_ECS_CLUSTER and GONG_FLEET_SERVICES there is nothing to scale (local cloud)', () => {
    expect(fleetScalerFrom({ region: 'us-east-1', baseline: 1 })).toBe(noFleetScaler);
  });

  it('only one of the two settings is a configuration error', () => {
    expect(() => fleetScalerFrom({ region: 'us-east-1', baseline: 1, cluster: 'gong-fleet' })).toThrow(
      /GONG_ECS_CLUSTER and GONG_FLEET_SERVICES/,
    );
  });

  it('speaks the ECS JSON protocol through the real SDK client (a local endpoint plays ECS)', async () => {
    const calls: { target: string; body: Record<string, unknown> }[] = [];
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        const target = String(req.headers['x-amz-target']).split('.').pop() as string;
        const body = JSON.parse(raw) as Record<string, unknown>;
        calls.push({ target, body });
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        if (target === 'DescribeServices') {
          const names = body.services as string[];
          res.end(
            JSON.stringify({
              services: names.map((n) => ({ serviceName: n, desiredCount: 0 })),
              failures: [],
            }),
          );
        } else {
          res.end(
            JSON.stringify({ service: { serviceName: body.service, desiredCount: body.desiredCount } }),
          );
        }
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

    const scaler = fleetScalerFrom({
      region: 'us-east-1',
      cluster: 'gong-fleet',
      services: 'gong-fleet-slot-0, gong-fleet-slot-1',
      baseline: 1,
      endpoint: `http://127.0.0.1:${port}`,
    });
    await scaler.ensureRunning([1]);

    expect(calls.map((c) => c.target)).toEqual(['DescribeServices', 'UpdateService']);
    expect(calls[0]?.body).toEqual({ cluster: 'gong-fleet', services: ['gong-fleet-slot-1'] });
    expect(calls[1]?.body).toEqual({ cluster: 'gong-fleet', service: 'gong-fleet-slot-1', desiredCount: 1 });
  });
});
