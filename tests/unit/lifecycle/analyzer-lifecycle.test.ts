import { memoryMetricsStore } from '@gong/core/adapters/memory/metrics-store';
import type { FunctionalSession } from '@gong/core/domain/functional-session';
import { encodeBody } from '@gong/core/messages/codec';
import type { WorkerEvent } from '@gong/core/messages/worker-event';
import { createAnalyzerHandler } from '@gong/functions/analyzer/handler';
import type { SqsEvent } from '@gong/functions/analyzer/sqs-event';
import { lifecycleEventHandler } from '@gong/functions/lifecycle/lifecycle-events';
import { tickRun } from '@gong/functions/run-control/lifecycle';
import { startRun } from '@gong/functions/run-control/start-run';
import { describe, expect, it } from 'vitest';
import { alice, aPlan, harness } from '../run-control/harness';

let msg = 0;
const sqsEvent = (events: WorkerEvent[]): SqsEvent => ({
  Records: events.map((e) => ({
    messageId: `m${++msg}`,
    body: encodeBody(e),
    attributes: { ApproximateReceiveCount: '1' },
  })),
});

const aSession = (over: Partial<FunctionalSession> = {}): FunctionalSession => ({
  id: 'session-1',
  tenantId: alice.tenantId,
  userId: alice.userId,
  connectionId: 'conn-jasmin',
  operatorId: 'op-orange',
  msisdn: '40721000001',
  mode: 'automated',
  blockOnError: true,
  record: true,
  state: 'running',
  cursor: 0,
  createdAt: 1000,
  updatedAt: 1000,
  ...over,
});

/** The analyzer as the Lambda wires it: lifecycle events routed to run control and the sessions. */
async function analyzerWithLifecycle() {
  const h = await harness();
  const handler = createAnalyzerHandler({
    metrics: memoryMetricsStore(),
    log: () => {},
    onEvent: lifecycleEventHandler({ runControl: h.deps, sessions: h.repos.sessions }),
  });
  return { ...h, handler };
}

describe('analyzer → lifecycle events', () => {
  it('the last run.done of a stopping run finishes it and releases the stress lock', async () => {
    const h = await analyzerWithLifecycle();
    const run = await startRun(h.deps, alice, aPlan({ durationSec: 10 }));
    h.clock.advance(5_000 + 10_000);
    expect((await tickRun(h.deps, alice.tenantId, run.id)).state).toBe('stopping');

    const done = (workerId: string): WorkerEvent => ({
      type: 'run.done',
      v: 1,
      tenantId: alice.tenantId,
      runId: run.id,
      workerId,
      at: h.clock.now(),
      sent: 100,
      reconnects: 0,
      maxLagMs: 0,
    });
    const reports = run.slots.map((slot) => done(`slot-${slot}`));
    const result = await h.handler(sqsEvent(reports));

    expect(result.batchItemFailures).toEqual([]);
    const after = await h.repos.runs.get(alice.tenantId, run.id);
    expect(after?.state).toBe('finished');
    expect(after?.workerReports).toHaveLength(run.slots.length);
    expect(h.summarized).toEqual([`${alice.tenantId}/${run.id}`]);
    expect(await h.repos.leases.get(alice.tenantId, 'stress', h.clock.now())).toBeUndefined();
  });

  it('a session.event moves an automated functional session out of running', async () => {
    const h = await analyzerWithLifecycle();
    await h.repos.sessions.create(alice.tenantId, aSession());

    await h.handler(
      sqsEvent([
        {
          type: 'session.event',
          v: 1,
          tenantId: alice.tenantId,
          sessionId: 'session-1',
          at: 2000,
          state: 'done',
          cursor: 3,
          message: '',
        },
      ]),
    );

    const session = await h.repos.sessions.get(alice.tenantId, 'session-1');
    expect(session).toMatchObject({ state: 'done', cursor: 3 });
  });

  it('the Lambda handler’s own dependencies route lifecycle events (not only results batches)', async () => {
    const { handlerDeps } = await import('@gong/functions/analyzer/handler');
    expect(typeof handlerDeps().onEvent).toBe('function');
  });
});
