import type { Connection } from '@gong/core/domain/connection';
import type { HealthResult } from '@gong/core/domain/ephemeral';
import type { Operator } from '@gong/core/domain/operator';
import type { WorkerStatus } from '@gong/core/messages/worker-event';
import type { ApiDeps } from '../api/deps';
import { listAll } from '../api/routes/crud';
import { type ProbeResult, tcpProbe } from './probe';

export interface ConnectionHealth {
  colour: 'green' | 'amber' | 'red';
  /** one sentence: why this colour */
  reason: string;
  checkedAt: number;
  details: string[];
}

/** A worker status older than this is not trusted for bind state. */
export const WORKER_STATUS_FRESH_MS = 60_000;

interface ProbeLine {
  what: string;
  host: string;
  port: number;
  result: ProbeResult;
}

/**
 * Pure rule: green = every port reachable and every operator bound; red = the gateway answers on no
 * port and nothing is bound; amber = anything in between. The reason names what is wrong.
 */
export function judgeHealth(
  probes: readonly ProbeLine[],
  operators: readonly Operator[],
  statuses: readonly WorkerStatus[],
  now: number,
): Omit<ConnectionHealth, 'checkedAt'> {
  const fresh = statuses.filter((s) => now - s.at <= WORKER_STATUS_FRESH_MS);
  const bound = operators.filter((op) =>
    fresh.some((s) => s.binds.some((b) => b.operatorId === op.id && b.tenantId === op.tenantId)),
  );
  const unbound = operators.filter((op) => !bound.includes(op));
  const down = probes.filter((p) => !p.result.ok);
  const problems: string[] = [];
  for (const p of down)
    problems.push(`${p.what} ${p.host}:${p.port} unreachable (${p.result.error ?? 'no answer'})`);
  if (unbound.length > 0) {
    problems.push(
      `${unbound.length} of ${operators.length} operator(s) not bound by the gateway: ${unbound.map((o) => o.name).join(', ')}`,
    );
  }
  const details = [
    ...probes.map((p) =>
      p.result.ok
        ? `${p.what} ${p.host}:${p.port}: connected in ${p.result.ms} ms`
        : `${p.what} ${p.host}:${p.port}: ${p.result.error ?? 'unreachable'}`,
    ),
    ...operators.map(
      (o) => `operator ${o.name} (slot ${o.slot}): ${bound.includes(o) ? 'bound' : 'not bound'}`,
    ),
  ];
  let colour: ConnectionHealth['colour'];
  if (problems.length === 0) colour = 'green';
  else if (down.length === probes.length && bound.length === 0) colour = 'red';
  else colour = 'amber';
  const reason =
    problems.length === 0
      ? operators.length === 0
        ? 'all ports reachable (no operators yet)'
        : 'all ports reachable and every operator bound'
      : problems.join('; ');
  return { colour, reason, details };
}

/** Probes the connection now and caches the result for `healthTtlSec`. */
export async function checkConnectionHealth(
  deps: ApiDeps,
  connection: Connection,
): Promise<ConnectionHealth> {
  const probe = deps.probe ?? tcpProbe;
  const timeout = deps.config.probeTimeoutMs;
  const targets: Omit<ProbeLine, 'result'>[] = [
    { what: 'jCli', host: connection.jcli.host, port: connection.jcli.port },
    { what: 'SMPP', host: connection.smpp.host, port: connection.smpp.port },
    ...(connection.http ? [{ what: 'HTTP', host: connection.http.host, port: connection.http.port }] : []),
  ];
  const [probes, operators, statuses] = await Promise.all([
    Promise.all(targets.map(async (t) => ({ ...t, result: await probe(t.host, t.port, timeout) }))),
    listAll(deps.repositories.operators, connection.tenantId).then((ops) =>
      ops.filter((o) => o.connectionId === connection.id),
    ),
    deps.fleet.list(deps.clock.now()),
  ]);
  const now = deps.clock.now();
  const judged = judgeHealth(probes, operators, statuses, now);
  const stored: HealthResult = {
    colour: judged.colour,
    checkedAt: now,
    details: [judged.reason, ...judged.details].map((d) => d.slice(0, 500)).slice(0, 50),
  };
  await deps.repositories.health.put(
    connection.tenantId,
    connection.id,
    stored,
    deps.config.healthTtlSec,
    now,
  );
  return { ...judged, checkedAt: now };
}

/** Cached health when fresh, else a new check. */
export async function connectionHealth(deps: ApiDeps, connection: Connection): Promise<ConnectionHealth> {
  const now = deps.clock.now();
  const cached = await deps.repositories.health.get(connection.tenantId, connection.id, now);
  if (cached) {
    const [reason = '', ...details] = cached.details;
    return { colour: cached.colour, reason, checkedAt: cached.checkedAt, details };
  }
  return checkConnectionHealth(deps, connection);
}
