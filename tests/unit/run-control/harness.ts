import { MemoryQueue } from '@gong/core/adapters/memory/memory-queue';
import { memoryRepositories } from '@gong/core/app/repositories';
import type { StressPlan } from '@gong/core/domain/stress-run';
import { allQueues, commandQueue } from '@gong/core/infra/resources';
import { decodeBody } from '@gong/core/messages/codec';
import { FleetCommand } from '@gong/core/messages/fleet-command';
import { ManualClock } from '@gong/core/ports/clock';
import { seededRng } from '@gong/core/rng';
import type { RunContext, RunControlDeps } from '@gong/functions/run-control/deps';
import type { z } from 'zod';
import { TENANT, tenantConfig } from '../scenario/tenant-fixture';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const alice: RunContext = { tenantId: TENANT, userId: 'user-alice', userName: 'Alice' };
export const bob: RunContext = { tenantId: TENANT, userId: 'user-bob', userName: 'Bob' };

/** In-memory twins of every port run control uses, seeded with the fixture tenant. */
export async function harness(options: Partial<NonNullable<RunControlDeps['options']>> = {}) {
  const repos = memoryRepositories();
  const clock = new ManualClock(T0);
  const queue = new MemoryQueue(allQueues(2), clock);
  const summarized: string[] = [];
  let failSummary = false;
  const deps: RunControlDeps = {
    runs: repos.runs,
    leases: repos.leases,
    operators: repos.operators,
    sequences: repos.sequences,
    queue,
    clock,
    rng: seededRng(99),
    summarize: async (tenantId, runId) => {
      if (failSummary) throw new Error('metrics store unavailable');
      summarized.push(`${tenantId}/${runId}`);
    },
    options: { leaseMs: 30_000, leadTimeMs: 5_000, finishGraceMs: 10_000, ...options },
  };
  const config = tenantConfig();
  for (const op of config.operators) await repos.operators.create(TENANT, op);
  for (const seq of config.sequences) await repos.sequences.create(TENANT, seq);

  /** Everything waiting on a slot's command queue, decoded (and acked). */
  async function drain(slot: number): Promise<FleetCommand[]> {
    const out: FleetCommand[] = [];
    for (;;) {
      const batch = await queue.receive(commandQueue(slot).name, { max: 10, waitSeconds: 0 });
      if (batch.length === 0) return out;
      out.push(...batch.map((m) => decodeBody(FleetCommand, m.body)));
      await queue.ack(
        commandQueue(slot).name,
        batch.map((m) => m.receipt),
      );
    }
  }
  return {
    deps,
    repos,
    clock,
    queue,
    summarized,
    drain,
    failSummaries: () => {
      failSummary = true;
    },
  };
}

export function aPlan(over: Partial<z.input<typeof StressPlan>> = {}): z.input<typeof StressPlan> {
  return {
    name: 'growth',
    connectionId: 'conn-jasmin',
    operators: [
      { operatorId: 'op-orange', minNumbers: 5, maxNumbers: 10 },
      { operatorId: 'op-vodafone', minNumbers: 3, maxNumbers: 3 },
      { operatorId: 'op-telekom', minNumbers: 2, maxNumbers: 4 },
    ],
    durationSec: 30,
    strategy: { kind: 'balanced-growth', minRate: 2, maxRate: 10, staggerSec: 2, rampSec: 5 },
    sequenceIds: ['seq-topup'],
    seed: 7,
    ...over,
  };
}
