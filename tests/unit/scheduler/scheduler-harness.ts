import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memoryMetricsStore } from '@gong/core/adapters/memory/metrics-store';
import { MemoryScheduleTrigger } from '@gong/core/adapters/memory/schedule-trigger';
import { aggregateBatch } from '@gong/core/analysis/batch-aggregate';
import { syntheticRecords } from '@gong/core/analysis/synthetic-run';
import { Schedule } from '@gong/core/domain/schedule';
import type { SchedulerDeps } from '@gong/functions/scheduler/deps';
import type { z } from 'zod';
import { aPlan, harness, T0 } from '../run-control/harness';
import { TENANT } from '../scenario/tenant-fixture';

export { T0, TENANT };

/** Run control's in-memory harness plus the scheduler's own twins (metrics, trigger) and a log. */
export async function schedulerHarness() {
  const h = await harness();
  const metrics = memoryMetricsStore();
  const trigger = new MemoryScheduleTrigger();
  const logs: Record<string, unknown>[] = [];
  const deps: SchedulerDeps = {
    schedules: h.repos.schedules,
    runControl: h.deps,
    metrics,
    trigger,
    log: (entry) => logs.push(entry),
    options: { retryDelayMs: 20_000, checkAfterEndMs: 1_000, checkIntervalMs: 5_000, maxChecks: 3 },
  };
  let batch = 0;
  /** Results of a run as the analyzer would have applied them: `records` exchanges, lognormal latency. */
  async function results(runId: string, medianMs: number, records = 400) {
    const recs = [
      ...syntheticRecords({
        tenantId: TENANT,
        runId,
        startMs: T0,
        durationSec: 10,
        operators: 1,
        numbers: 20,
        records,
        seed: 3,
        dropRate: 0,
        invalidRate: 0,
        medianMs,
      }),
    ];
    batch++;
    await metrics.applyBatch(
      TENANT,
      aggregateBatch({
        batchId: `b${batch}`,
        tenantId: TENANT,
        records: recs,
        buckets: [],
      }),
    );
  }
  return { ...h, metrics, trigger, logs, deps, results };
}

export function aSavedSchedule(over: Partial<z.input<typeof Schedule>> = {}): Schedule {
  return Schedule.parse({
    id: 'sched-nightly',
    tenantId: TENANT,
    name: 'Nightly',
    cron: '0 2 * * *',
    plan: aPlan({ durationSec: 10 }),
    thresholds: ['p95<500ms', 'drop<1%'],
    createdBy: 'user-carol',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

/** A real HTTP receiver for webhooks on 127.0.0.1 (status and delay configurable). */
export async function webhookReceiver(options: { status?: number; delayMs?: number } = {}) {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      setTimeout(() => res.writeHead(options.status ?? 204).end(), options.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
