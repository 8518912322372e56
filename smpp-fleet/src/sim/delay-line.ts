import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

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

/**
 * Runs callbacks after sub-millisecond delays, one alarm for all of them. The simulator's latency is
 * what Gong's latency measurements are checked against, and Node's setTimeout counts from the event
 * loop's cached millisecond: a 50 ms timeout fires anywhere from 49.1 to 51 ms after it was set
 * (measured). Here each item keeps its exact due time; a precise alarm wakes the loop for the
 * earliest, and everything due by then leaves together, in the order it was added.
 */
export class DelayLine {
  /** min-heap on (due, seq), in parallel arrays */
  private readonly dues: number[] = [];
  private readonly seqs: number[] = [];
  private readonly fns: (() => void)[] = [];
  private seq = 0;
  private alarm: Alarm | undefined;
  private armedFor = 0;

  constructor(private readonly toleranceMs = 0.05) {}

  get size(): number {
    return this.dues.length;
  }

  /** Runs `fn` `ms` milliseconds from now; `ms` <= 0 runs it at once. */
  after(ms: number, fn: () => void): void {
    if (ms <= 0) {
      fn();
      return;
    }
    const due = preciseNow() + ms;
    this.push(due, fn);
    if (this.armedFor === 0 || due < this.armedFor) this.arm(due);
  }

  /** Drops everything not yet run and ends the alarm thread. */
  async close(): Promise<void> {
    this.dues.length = 0;
    this.seqs.length = 0;
    this.fns.length = 0;
    this.armedFor = 0;
    const alarm = this.alarm;
    this.alarm = undefined;
    await alarm?.close();
  }

  private arm(due: number): void {
    this.armedFor = due;
    this.alarm ??= new Alarm(this.run);
    this.alarm.set(due);
  }

  private readonly run = (): void => {
    const limit = preciseNow() + this.toleranceMs;
    while (this.dues.length > 0 && (this.dues[0] as number) <= limit) {
      const fn = this.pop();
      try {
        fn();
      } catch (err) {
        // one failing callback must not strand the rest of the line
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    const next = this.dues[0];
    this.armedFor = 0;
    if (next !== undefined) this.arm(next);
    else this.alarm?.set(0);
  };

  private before(i: number, j: number): boolean {
    const a = this.dues[i] as number;
    const b = this.dues[j] as number;
    return a < b || (a === b && (this.seqs[i] as number) < (this.seqs[j] as number));
  }

  private swap(i: number, j: number): void {
    const { dues, seqs, fns } = this;
    const d = dues[i] as number;
    dues[i] = dues[j] as number;
    dues[j] = d;
    const s = seqs[i] as number;
    seqs[i] = seqs[j] as number;
    seqs[j] = s;
    const f = fns[i] as () => void;
    fns[i] = fns[j] as () => void;
    fns[j] = f;
  }

  private push(due: number, fn: () => void): void {
    this.dues.push(due);
    this.seqs.push(this.seq++);
    this.fns.push(fn);
    let i = this.dues.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private pop(): () => void {
    const top = this.fns[0] as () => void;
    const last = this.dues.length - 1;
    this.swap(0, last);
    this.dues.pop();
    this.seqs.pop();
    this.fns.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < last && this.before(l, m)) m = l;
      if (r < last && this.before(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}
