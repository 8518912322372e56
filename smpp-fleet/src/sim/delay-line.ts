import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { preferLowLatency } from '../thread-sched';
import { TimerWheel } from '../worker/timer-wheel';

/** Epoch milliseconds with sub-millisecond resolution, comparable between threads. */
const preciseNow = (): number => performance.timeOrigin + performance.now();

/**
 * The alarm thread: tells the main thread it runs, with its thread id (0 off Linux) to be given a
 * short scheduler slice (thread-sched.ts), then sleeps in Atomics.wait until the due time the main
 * thread last set (a futex with microsecond resolution, no spinning), wakes the main thread with one
 * message and waits to be re-armed. Plain JS so the thread needs no TypeScript loader.
 */
const ALARM_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { readlinkSync } = require('node:fs');
let tid = 0;
try { tid = Number(readlinkSync('/proc/thread-self').split('/').pop()); } catch {}
parentPort.postMessage({ tid });
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

/** Wakes the main thread at a precise moment (its own wake-up takes ~0.1 ms), where a setTimeout is ±1 ms off. */
class Alarm {
  private readonly ctl: Int32Array;
  private readonly due: Float64Array;
  private readonly worker: Worker;
  /** resolves once the thread runs and `onThread` has seen it (or the thread has ended) */
  readonly started: Promise<void>;

  constructor(onRing: () => void, onThread: (tid: number) => void) {
    const sab = new SharedArrayBuffer(16);
    this.ctl = new Int32Array(sab, 0, 1);
    this.due = new Float64Array(sab, 8, 1);
    this.worker = new Worker(ALARM_THREAD, { eval: true, workerData: { sab } });
    this.worker.unref();
    let started = (): void => {};
    this.started = new Promise((resolve) => {
      started = resolve;
    });
    this.worker.on('message', (m: number | { tid: number }) => {
      if (typeof m === 'number') return onRing();
      if (m.tid > 0) onThread(m.tid);
      started();
    });
    this.worker.once('exit', started);
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
/** The main thread's wake-up time assumed at first (alarm thread, message, event loop), in ms. */
const INITIAL_WAKE_MS = 0.1;
/** Longest wake-up counted: a stall is not the usual wake-up, and must not pull the alarm far ahead. */
const MAX_WAKE_MS = 0.3;

/**
 * Runs callbacks after sub-millisecond delays, one alarm for all of them. The simulator's latency is
 * what Gong's latency measurements are checked against, and Node's setTimeout counts from the event
 * loop's cached millisecond: a 50 ms timeout fires anywhere from 49.1 to 51 ms after it was set
 * (measured). Here the items wait on a timer wheel 0.05 ms wide, and a precise alarm wakes the loop
 * for the earliest bucket. The alarm rings ahead by the time the loop takes to wake, which the line
 * learns from each ring (a moving average, ~0.1 ms), so items leave on time rather than that much
 * late: everything due within half that time leaves together, in due order (the order added within a
 * bucket).
 */
export class DelayLine {
  private readonly wheel = new TimerWheel<() => void>(RESOLUTION_MS);
  private alarm: Alarm | undefined;
  private armedFor = 0;
  /** when the alarm was set to ring (0: not set) */
  private ringAt = 0;
  /** learnt wake-up time of the main thread after a ring, ms */
  private wakeMs = INITIAL_WAKE_MS;
  /**
   * Resolves once the alarm thread, started with the line, runs: that takes ~50 ms (longer on a busy
   * machine), and items due before then leave that much late. Await it before timing anything.
   */
  readonly ready: Promise<void>;

  constructor() {
    this.ready = this.startAlarm().started;
  }

  /** how far ahead items may leave: half the wake-up time, so they are as often early as late */
  get toleranceMs(): number {
    return Math.max(RESOLUTION_MS, this.wakeMs / 2);
  }

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
    this.ringAt = Math.max(at - this.wakeMs, preciseNow());
    (this.alarm ?? this.startAlarm()).set(this.ringAt); // a new thread when used again after close()
  }

  private startAlarm(): Alarm {
    this.alarm = new Alarm(this.run, preferLowLatency);
    return this.alarm;
  }

  private readonly run = (): void => {
    const now = preciseNow();
    if (this.ringAt > 0) {
      const woke = Math.min(Math.max(now - this.ringAt, 0), MAX_WAKE_MS);
      this.wakeMs += (woke - this.wakeMs) / 16;
    }
    this.ringAt = 0;
    this.wheel.due(now + this.toleranceMs, (fn) => {
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
