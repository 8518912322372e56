import type { Connection } from '@gong/core/domain/connection';
import { conflict } from '@gong/core/domain/errors';
import type { Operator } from '@gong/core/domain/operator';
import { commandQueue } from '@gong/core/infra/resources';
import { encodeBody } from '@gong/core/messages/codec';
import type { FleetCommand, HostedOperator } from '@gong/core/messages/fleet-command';
import type { ApiDeps } from './deps';
import { listAll } from './routes/crud';

/** Every operator hosted by a slot, across all tenants (a slot is one SMPP port shared by tenants). */
export async function operatorsOfSlot(deps: ApiDeps, slot: number): Promise<Operator[]> {
  const out: Operator[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.repositories.tenants.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    for (const tenant of page.items) {
      const ops = await listAll(deps.repositories.operators, tenant.id);
      out.push(...ops.filter((o) => o.slot === slot));
    }
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/**
 * The gateway binds to a slot with an operator's system_id: it must be unique on that slot across
 * tenants, or the worker could not tell whose operator a bind is. The message names no other tenant.
 */
export async function assertSystemIdFree(deps: ApiDeps, candidate: Operator): Promise<void> {
  const onSlot = await operatorsOfSlot(deps, candidate.slot);
  const clash = onSlot.find(
    (o) =>
      o.bindSystemId === candidate.bindSystemId &&
      !(o.id === candidate.id && o.tenantId === candidate.tenantId),
  );
  if (clash) {
    throw conflict(
      `system_id "${candidate.bindSystemId}" is already used on worker slot ${candidate.slot}; choose another system_id or slot`,
    );
  }
}

export function hostedOperator(op: Operator, connection: Connection | undefined): HostedOperator {
  const smpp = connection?.smpp;
  return {
    tenantId: op.tenantId,
    operatorId: op.id,
    connectionId: op.connectionId,
    name: op.name,
    bindSystemId: op.bindSystemId,
    bindPassword: op.bindPassword,
    shortCode: connection?.shortCode ?? '1234',
    numberRanges: op.numberRanges,
    receipts: { delayMs: op.receipts.delayMs, statusMix: { ...op.receipts.statusMix } },
    ...(smpp?.systemId
      ? {
          esme: {
            host: smpp.host,
            port: smpp.port,
            systemId: smpp.systemId,
            password: smpp.password,
            bindType: 'transceiver' as const,
          },
        }
      : {}),
  };
}

/** Sends `operators.sync` (the full set it hosts) to each slot; called after operators or connections change. */
export async function syncSlots(deps: ApiDeps, slots: Iterable<number>): Promise<void> {
  for (const slot of new Set(slots)) {
    if (slot < 0 || slot >= deps.config.slotCount) continue;
    const operators = await operatorsOfSlot(deps, slot);
    const connections = new Map<string, Connection | undefined>();
    for (const op of operators) {
      const key = `${op.tenantId}/${op.connectionId}`;
      if (!connections.has(key)) {
        connections.set(key, await deps.repositories.connections.get(op.tenantId, op.connectionId));
      }
    }
    const command: FleetCommand = {
      type: 'operators.sync',
      v: 1,
      operators: operators.map((op) =>
        hostedOperator(op, connections.get(`${op.tenantId}/${op.connectionId}`)),
      ),
    };
    await deps.queue.send(commandQueue(slot).name, [encodeBody(command)]);
  }
}

/** Every slot gets its full operator set (e.g. on API start, after seeding, or when a worker restarted). */
export async function syncAllSlots(deps: ApiDeps): Promise<number> {
  const slots = Array.from({ length: deps.config.slotCount }, (_, i) => i);
  await syncSlots(deps, slots);
  return slots.length;
}

export async function sendToSlot(deps: ApiDeps, slot: number, command: FleetCommand): Promise<void> {
  await deps.queue.send(commandQueue(slot).name, [encodeBody(command)]);
}
