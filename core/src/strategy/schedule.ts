import { mixSeed, seededRng } from '../rng';

/**
 * Turning per-second target rates into exact intended send times. Everything here is lazy
 * (generators) so a worker can walk a 24-hour run without materialising it.
 */

/** A tiny tolerance so 0.1 + 0.2 + … accumulating to an integer counts as that integer. */
const EPSILON = 1e-9;

/**
 * Integer message counts per second from fractional targets, carrying the remainder so that after
 * any prefix of seconds the total sent equals floor(sum of targets).
 */
export function* integerCounts(perSecond: Iterable<number>): Generator<number> {
  let carry = 0;
  for (const rate of perSecond) {
    carry += Math.max(0, rate);
    const n = Math.floor(carry + EPSILON);
    carry = Math.max(0, carry - n);
    yield n;
  }
}

export interface SendSlot {
  /** intended send time, ms after the run's startAt (may be fractional) */
  atMs: number;
  /** which of the operator's numbers sends it */
  numberIndex: number;
}

/**
 * Intended send times for one operator: each second's integer count is spread evenly across the
 * second (k·1000/n ms), and numbers take turns round-robin across the whole run so every number
 * carries the same share of the load.
 */
export function* sendTimes(perSecond: Iterable<number>, numberCount: number): Generator<SendSlot> {
  if (numberCount < 1) return;
  let s = 0;
  let cursor = 0;
  for (const n of integerCounts(perSecond)) {
    const base = s * 1000;
    for (let k = 0; k < n; k++) {
      yield { atMs: base + (k * 1000) / n, numberIndex: cursor };
      cursor = cursor + 1 === numberCount ? 0 : cursor + 1;
    }
    s++;
  }
}

/** Merges explicit per-number schedules (each sorted ascending) into one time-ordered stream. */
export function* mergeNumberSchedules(schedules: readonly (readonly number[])[]): Generator<SendSlot> {
  // binary min-heap of [time, numberIndex, position]
  const heap: [number, number, number][] = [];
  const less = (a: [number, number, number], b: [number, number, number]) =>
    a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (item: [number, number, number]) => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i] as [number, number, number], heap[parent] as [number, number, number])) break;
      [heap[i], heap[parent]] = [
        heap[parent] as [number, number, number],
        heap[i] as [number, number, number],
      ];
      i = parent;
    }
  };
  const pop = (): [number, number, number] => {
    const top = heap[0] as [number, number, number];
    const last = heap.pop() as [number, number, number];
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l] as [number, number, number], heap[m] as [number, number, number]))
          m = l;
        if (r < heap.length && less(heap[r] as [number, number, number], heap[m] as [number, number, number]))
          m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as [number, number, number], heap[i] as [number, number, number]];
        i = m;
      }
    }
    return top;
  };
  schedules.forEach((times, numberIndex) => {
    if (times.length > 0) push([times[0] as number, numberIndex, 0]);
  });
  while (heap.length > 0) {
    const [atMs, numberIndex, position] = pop();
    yield { atMs, numberIndex };
    const times = schedules[numberIndex] as readonly number[];
    if (position + 1 < times.length) push([times[position + 1] as number, numberIndex, position + 1]);
  }
}

/** What a worker holds for one operator (a subset of OperatorLoad from fleet-command.ts). */
export interface OperatorSchedule {
  perSecond: readonly number[];
  numberCount: number;
  numberSchedules?: readonly (readonly number[])[];
}

/** The send stream a worker executes for one operator: explicit schedules when present, else rates. */
export function operatorSendTimes(load: OperatorSchedule): Generator<SendSlot> {
  if (load.numberSchedules && load.numberSchedules.length > 0)
    return mergeNumberSchedules(load.numberSchedules);
  return sendTimes(load.perSecond, load.numberCount);
}

/**
 * Random strategy, one number: a uniform count in [minCount, maxCount] at uniform random times in
 * [windowStartMs, windowEndMs), sorted. Seeded per (seed, operator, number) so any number's schedule
 * can be regenerated alone.
 */
export function randomNumberSchedule(
  seed: number,
  operatorId: string,
  numberIndex: number,
  minCount: number,
  maxCount: number,
  windowStartMs: number,
  windowEndMs: number,
): number[] {
  const span = windowEndMs - windowStartMs;
  if (span <= 0) return [];
  const rng = seededRng(mixSeed(seed, 'random-strategy', operatorId, numberIndex));
  const count = rng.int(minCount, maxCount);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(Math.floor(windowStartMs + rng.next() * span));
  return times.sort((a, b) => a - b);
}

/** Per-second counts of a stream of send slots (for previews, benchmarks and tests). */
export function countPerSecond(slots: Iterable<SendSlot>, durationSec: number): number[] {
  const counts = new Array<number>(durationSec).fill(0);
  for (const slot of slots) {
    const s = Math.floor(slot.atMs / 1000);
    if (s >= 0 && s < durationSec) counts[s] = (counts[s] as number) + 1;
  }
  return counts;
}
