/**
 * The one place that names Gong's tables and queues. The local bootstrap (local/) and the CDK app
 * (infra/) both read these definitions, so the emulators and AWS always agree.
 */

export interface TableDef {
  /** logical name; the physical name is `${prefix}-${name}` */
  name: string;
  partitionKey: string;
  sortKey: string;
  ttlAttribute?: string;
  indexes: { name: string; partitionKey: string; sortKey: string }[];
}

export interface QueueDef {
  name: string;
  fifo: boolean;
  visibilityTimeoutSec: number;
  /** long-poll wait when receiving */
  receiveWaitSec: number;
  retentionSec: number;
  deadLetter?: { name: string; maxReceiveCount: number };
}

/** Single-table design for configuration: PK `T#<tenantId>`, SK `<KIND>#<id>`; GSI1 for global lookups. */
export const CONFIG_TABLE: TableDef = {
  name: 'config',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
};

/** Run metrics: per-second aggregates, per-number totals, session logs, batch markers. */
export const METRICS_TABLE: TableDef = {
  name: 'metrics',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [],
};

export const TABLES = [CONFIG_TABLE, METRICS_TABLE] as const;

export const RESULTS_DLQ: QueueDef = {
  name: 'results-dlq',
  fifo: false,
  visibilityTimeoutSec: 30,
  receiveWaitSec: 0,
  retentionSec: 14 * 24 * 3600,
};

/** Workers → analyzer: exchange batches, worker status, run lifecycle events. */
export const RESULTS_QUEUE: QueueDef = {
  name: 'results',
  fifo: false,
  visibilityTimeoutSec: 60,
  receiveWaitSec: 20,
  retentionSec: 4 * 24 * 3600,
  deadLetter: { name: RESULTS_DLQ.name, maxReceiveCount: 5 },
};

/** Number of worker slots (one SMPP listening port each) unless configured otherwise. */
export const DEFAULT_SLOT_COUNT = 2;
/** Slot N listens on FLEET_BASE_PORT + N. */
export const DEFAULT_FLEET_BASE_PORT = 2780;

/** API → worker slot N: fleet commands. */
export function commandQueue(slot: number): QueueDef {
  return {
    name: `fleet-slot-${slot}`,
    fifo: false,
    visibilityTimeoutSec: 30,
    receiveWaitSec: 20,
    retentionSec: 3600,
    deadLetter: { name: `fleet-slot-${slot}-dlq`, maxReceiveCount: 5 },
  };
}

export function commandDlq(slot: number): QueueDef {
  return {
    name: `fleet-slot-${slot}-dlq`,
    fifo: false,
    visibilityTimeoutSec: 30,
    receiveWaitSec: 0,
    retentionSec: 14 * 24 * 3600,
  };
}

/** Every queue, dead-letter queues first (a queue's redrive target must exist before it). */
export function allQueues(slotCount: number): QueueDef[] {
  const queues: QueueDef[] = [RESULTS_DLQ, RESULTS_QUEUE];
  for (let slot = 0; slot < slotCount; slot++) queues.push(commandDlq(slot), commandQueue(slot));
  return queues;
}

export function physicalName(prefix: string, logical: string): string {
  return `${prefix}-${logical}`;
}
