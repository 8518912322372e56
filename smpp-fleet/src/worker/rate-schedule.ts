/**
 * The intended send times of one operator in a stress run, produced lazily in time order.
 * `perSecond[i]` messages (fractions carry over) are spread evenly over second i after `startAt`;
 * with explicit per-number schedules (random strategy) every number's own offsets are merged.
 */
export interface RateSchedule {
  /** intended time (epoch ms, fractional) of the next send, or undefined when the schedule is over */
  peek(): number | undefined;
  /** consumes the next send; returns the number index it is pinned to, or -1 for "any number" */
  take(): number;
  /** total sends the schedule holds */
  readonly total: number;
  /** end of the schedule (epoch ms) */
  readonly endsAt: number;
}

export function perSecondSchedule(startAt: number, perSecond: readonly number[]): RateSchedule {
  const counts = new Int32Array(perSecond.length);
  let cumulative = 0;
  let emitted = 0;
  for (let i = 0; i < perSecond.length; i++) {
    cumulative += Math.max(0, perSecond[i] ?? 0);
    const upTo = Math.floor(cumulative + 1e-9);
    counts[i] = upTo - emitted;
    emitted = upTo;
  }
  let second = 0;
  let k = 0;
  const skipEmpty = () => {
    while (second < counts.length && k >= (counts[second] as number)) {
      second++;
      k = 0;
    }
  };
  skipEmpty();
  return {
    total: emitted,
    endsAt: startAt + perSecond.length * 1000,
    peek() {
      if (second >= counts.length) return undefined;
      return startAt + second * 1000 + (k * 1000) / (counts[second] as number);
    },
    take() {
      k++;
      skipEmpty();
      return -1;
    },
  };
}

/** Merges per-number offset lists (ms after startAt) into one time-ordered schedule. */
export function numberSchedule(startAt: number, schedules: readonly (readonly number[])[]): RateSchedule {
  let total = 0;
  for (const s of schedules) total += s.length;
  const times = new Float64Array(total);
  const numbers = new Int32Array(total);
  const order = new Uint32Array(total);
  let n = 0;
  schedules.forEach((offsets, numberIndex) => {
    for (const offset of offsets) {
      times[n] = startAt + offset;
      numbers[n] = numberIndex;
      order[n] = n;
      n++;
    }
  });
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  let i = 0;
  let last = startAt;
  for (let j = 0; j < total; j++) last = Math.max(last, times[j] as number);
  return {
    total,
    endsAt: last + 1,
    peek() {
      return i < total ? times[order[i] as number] : undefined;
    },
    take() {
      const idx = order[i] as number;
      i++;
      return numbers[idx] as number;
    },
  };
}
