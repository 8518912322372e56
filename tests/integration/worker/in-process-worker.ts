import { MemoryQueue } from '@gong/core/adapters/memory/memory-queue';
import { MemoryWorkerStatusStore } from '@gong/core/adapters/memory/worker-status-store';
import { allQueues, commandQueue, RESULTS_QUEUE } from '@gong/core/infra/resources';
import { decodeBody, encodeBody } from '@gong/core/messages/codec';
import type { FleetCommand } from '@gong/core/messages/fleet-command';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import { memoryLogger } from '@gong/smpp-fleet/worker/logger';
import { preciseClock } from '@gong/smpp-fleet/worker/precise-clock';
import { Worker, type WorkerOptions } from '@gong/smpp-fleet/worker/worker';

/**
 * A worker in this process on a free port, with in-memory queues and status store: commands go on its
 * command queue, results are read straight off the results queue.
 */
export async function inProcessWorker(workerId: string, over: Partial<WorkerOptions> = {}) {
  const queue = new MemoryQueue(allQueues(1));
  const status = new MemoryWorkerStatusStore();
  const log = memoryLogger();
  const worker = new Worker({
    slot: 0,
    workerId,
    host: '127.0.0.1',
    port: 0,
    queue,
    commandQueue: commandQueue(0).name,
    resultsQueue: RESULTS_QUEUE.name,
    statusStore: status,
    clock: preciseClock(),
    log,
    commandWaitSeconds: 1,
    sink: { lingerMs: 100 },
    ...over,
  });
  const port = await worker.start();

  const send = (c: FleetCommand) => queue.send(commandQueue(0).name, [encodeBody(c)]);

  /** Whatever is on the results queue now (acked). */
  const events = async (): Promise<WorkerEvent[]> => {
    const out: WorkerEvent[] = [];
    for (;;) {
      const got = await queue.receive(RESULTS_QUEUE.name, { max: 10, waitSeconds: 0 });
      if (got.length === 0) return out;
      for (const m of got) out.push(decodeBody(WorkerEvent, m.body));
      await queue.ack(
        RESULTS_QUEUE.name,
        got.map((m) => m.receipt),
      );
    }
  };

  /** Everything on the results queue until `runId` is done (or ~15 s pass). */
  const eventsUntilDone = async (runId: string): Promise<WorkerEvent[]> => {
    const all: WorkerEvent[] = [];
    const done = () => all.some((e) => e.type === 'run.done' && e.runId === runId);
    for (let i = 0; i < 300 && !done(); i++) {
      await new Promise((r) => setTimeout(r, 50));
      all.push(...(await events()));
    }
    return all;
  };

  /** Waits until `operatorId` has `n` binds (either side). */
  const bound = async (operatorId: string, n = 1) => {
    for (
      let i = 0;
      i < 200 && worker.status().binds.filter((b) => b.operatorId === operatorId).length < n;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { worker, port, queue, status, log, send, events, eventsUntilDone, bound };
}
