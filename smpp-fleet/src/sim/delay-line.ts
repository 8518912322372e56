import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { TimerWheel } from '../worker/timer-wheel';

/** Epoch milliseconds with sub-millisecond resolution, comparable between threads. */
const preciseNow = (): number => performance.timeOrigin + performance.now();

/**
 * The alarm thread: sleeps in Atomics.wait until the due time the main thread last set (a futex
 * with microsecond resolution, no spinning), then wakes the main thread with one message and waits
 * to be re-armed. Plain JS so the thread needs no TypeScript loader.
 */
const ALARM_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const ctl = new Int32Array(workerData.sab, 0, 1);
const due = new Float64Array(workerData.sab, 8, 1);
for (;;) {
  const gen = Atomics.load(ctl, 0);
  const at = due[0];
  if (at === 0) { Atomics.wait(ctl, 0, gen); continue; }
  const wait = at - (performance.timeOrigin + performance.now());
  if (wait > 0.02) { Atomics.wait(ctl, 0, gen, wait); continue; }
  parentPort.postMessage(gen);
  Atomics.wait(ctl, 0, gen);
}`;

/** Wakes the main thread at a precise moment: about 0.1 ms late, where a setTimeout is ±1 ms off. */
class Alarm {
  private readonly ctl: Int32Array;
  private readonly due: Float64Array;
  private readonly worker: Worker;

  constructor(onRing: () => void) {
    const sab = new SharedArrayBuffer(16);
    this.ctl = new Int32Array(sab, 0, 1);
    this.due = new Float64Array(sab, 8, 1);
    this.worker = new Worker(ALARM_THREAD, { eval: true, workerData: { sab } });
    this.worker.unref();
    this.worker.on('message', onRing);
  }

  /** Rings once at `at` (epoch ms, sub-ms); replaces any earlier setting. 0 disarms. */
  set(at: number): void {
    this.due[0] = at;
    Atomics.add(this.ctl, 0, 1);
    Atomics.notify(this.ctl, 0);
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Width of the delay line's due-time buckets: items due within it leave together. */
const RESOLUTION_MS = 0.05;

/**
 * Runs callbacks after sub-millisecond delays, one alarm for all of them. The simulator's latency is
 * what Gong's latency measurements are checked against, and Node's setTimeout counts from the event
 * loop's cached millisecond: a 50 ms timeout fires anywhere from 49.1 to 51 ms after it was set
 * (measured). Here the items wait on a timer wheel 0.05 ms wide; a precise alarm wakes the loop for
 * the earliest bucket, and everything due by then leaves together, in due order (the order added
 * within a bucket), never more than 0.05 ms early.
 */
export class DelayLine {
  private readonly wheel = new TimerWheel<() => void>(RESOLUTION_MS);
  private alarm: Alarm | undefined;
  private armedFor = 0;

  get size(): number {
    return this.wheel.size;
  }

  /** Runs `fn` `ms` milliseconds from now; `ms` <= 0 runs it at once. */
  after(ms: number, fn: () => void): void {
    if (ms <= 0) {
      fn();
      return;
    }
    this.wheel.add(preciseNow() + ms, fn);
    const next = this.wheel.nextAt() as number;
    if (this.armedFor === 0 || next < this.armedFor) this.arm(next);
  }

  /** Drops everything not yet run and ends the alarm thread. */
  async close(): Promise<void> {
    this.wheel.clear();
    this.armedFor = 0;
    const alarm = this.alarm;
    this.alarm = undefined;
    await alarm?.close();
  }

  private arm(at: number): void {
    this.armedFor = at;
    this.alarm ??= new Alarm(this.run);
    this.alarm.set(at);
  }

  private readonly run = (): void => {
    // the alarm rings up to 0.02 ms before its time: take the bucket it rang for
    this.wheel.due(preciseNow() + RESOLUTION_MS, (fn) => {
      try {
        fn();
      } catch (err) {
        // one failing callback must not strand the rest of the line
        queueMicrotask(() => {
          throw err;
        });
      }
    });
    const next = this.wheel.nextAt();
    this.armedFor = 0;
    if (next !== undefined) this.arm(next);
    else this.alarm?.set(0);
  };
}
