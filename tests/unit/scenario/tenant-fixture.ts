import { Connection } from '@gong/core/domain/connection';
import { Operator } from '@gong/core/domain/operator';
import { Sequence } from '@gong/core/domain/sequence';
import type { TenantConfig } from '@gong/core/scenario/to-plan';

/** A small tenant: one Jasmin connection with three operators on two slots, one other connection, two sequences. */
const T0 = Date.UTC(2026, 0, 1);
export const TENANT = 'tenant-a';

export function aConnection(id: string, name: string): Connection {
  return Connection.parse({
    id,
    tenantId: TENANT,
    name,
    jcli: { host: '127.0.0.1' },
    smpp: { host: '127.0.0.1' },
    createdAt: T0,
    updatedAt: T0,
  });
}

export function anOperator(
  id: string,
  name: string,
  connectionId: string,
  slot: number,
  size = 1000,
): Operator {
  return Operator.parse({
    id,
    tenantId: TENANT,
    connectionId,
    name,
    slot,
    bindSystemId: id.slice(0, 15),
    bindPassword: 'secret',
    numberRanges: [{ prefix: `4072${slot}`, from: 0, to: size - 1, width: 6 }],
    createdAt: T0,
    updatedAt: T0,
  });
}

export function aSequence(id: string, name: string, texts: string[]): Sequence {
  return Sequence.parse({
    id,
    tenantId: TENANT,
    name,
    steps: texts.map((text, i) => ({ id: `${id}-s${i}`, message: { text } })),
    createdAt: T0,
    updatedAt: T0,
  });
}

export function tenantConfig(): TenantConfig {
  return {
    connections: [aConnection('conn-jasmin', 'jasmin-local'), aConnection('conn-kannel', 'kannel')],
    operators: [
      anOperator('op-orange', 'Orange', 'conn-jasmin', 0),
      anOperator('op-vodafone', 'Vodafone', 'conn-jasmin', 1),
      anOperator('op-telekom', 'Telekom', 'conn-jasmin', 1),
      anOperator('op-other', 'Other', 'conn-kannel', 0),
    ],
    sequences: [
      aSequence('seq-topup', 'Top-up flow', ['TOPUP 5', 'BAL']),
      aSequence('seq-echo', 'Echo', ['ECHO hi']),
    ],
  };
}
