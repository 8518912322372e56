import { MemoryQueue } from '@gong/core/adapters/memory/memory-queue';
import { MemoryWorkerStatusStore } from '@gong/core/adapters/memory/worker-status-store';
import { allQueues, commandQueue, RESULTS_QUEUE } from '@gong/core/infra/resources';
import { decodeBody } from '@gong/core/messages/codec';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import { memoryLogger } from '@gong/smpp-fleet/worker/logger';
import { preciseClock } from '@gong/smpp-fleet/worker/precise-clock';
import { Worker } from '@gong/smpp-fleet/worker/worker';

/** A worker in this process on a free port, with in-memory queues; results read straight off the queue. */
export async function inProcessWorker(workerId: string) {
  const queue = new MemoryQueue(allQueues(1));
  const worker = new Worker({
    slot: 0,
    workerId,
    host: '127.0.0.1',
    port: 0,
    queue,
    commandQueue: commandQueue(0).name,
    resultsQueue: RESULTS_QUEUE.name,
    statusStore: new MemoryWorkerStatusStore(),
    clock: preciseClock(),
    log: memoryLogger(),
    commandWaitSeconds: 1,
    sink: { lingerMs: 100 },
  });
  const port = await worker.start();

  /** Everything on the results queue until `runId` is done (or ~15 s pass). */
  const eventsUntilDone = async (runId: string): Promise<WorkerEvent[]> => {
    const events: WorkerEvent[] = [];
    const done = () => events.some((e) => e.type === 'run.done' && e.runId === runId);
    for (let i = 0; i < 300 && !done(); i++) {
      await new Promise((r) => setTimeout(r, 50));
      for (const m of await queue.receive(RESULTS_QUEUE.name, { max: 10, waitSeconds: 0 })) {
        events.push(decodeBody(WorkerEvent, m.body));
        await queue.ack(RESULTS_QUEUE.name, [m.receipt]);
      }
    }
    return events;
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
  return { worker, port, queue, eventsUntilDone, bound };
}
