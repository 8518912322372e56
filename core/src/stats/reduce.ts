import type { Histogram } from './histogram';

export interface ReducedBin {
  /** inclusive lower edge, ms */
  fromMs: number;
  /** upper edge, ms (inclusive for the last bin) */
  toMs: number;
  count: number;
}

export interface ReductionOptions {
  /** at most this many bins */
  maxBins: number;
  /** every bin holds at least this many values (unless the histogram holds fewer in total) */
  minElementsPerBin: number;
}

/**
 * OpenLC-style data reduction of a latency histogram: equal-width bins over [min, max], at most
 * `maxBins` of them, then under-filled bins are merged into their neighbour until every bin holds at
 * least `minElementsPerBin` values. Fine buckets are assigned to a bin by their midpoint.
 */
export function reduceHistogram(h: Histogram, options: ReductionOptions): ReducedBin[] {
  const total = h.count;
  if (total === 0) return [];
  const maxBins = Math.max(1, Math.floor(options.maxBins));
  const minPer = Math.max(1, Math.floor(options.minElementsPerBin));
  const lo = h.min;
  const hi = h.max;
  const binCount = Math.max(1, Math.min(maxBins, Math.floor(total / minPer)));
  if (hi <= lo || binCount === 1) return [{ fromMs: lo, toMs: hi, count: total }];

  const width = (hi - lo) / binCount;
  const counts = new Array<number>(binCount).fill(0);
  for (const b of h.buckets()) {
    const mid = Math.min(hi, Math.max(lo, (b.lowMs + b.highMs) / 2));
    const i = Math.min(binCount - 1, Math.floor((mid - lo) / width));
    counts[i] = (counts[i] ?? 0) + b.count;
  }
  const bins: ReducedBin[] = counts.map((count, i) => ({
    fromMs: lo + i * width,
    toMs: i === binCount - 1 ? hi : lo + (i + 1) * width,
    count,
  }));

  // merge forward: an under-filled bin absorbs the next one
  const merged: ReducedBin[] = [];
  let open: ReducedBin | undefined;
  for (const bin of bins) {
    open = open ? { fromMs: open.fromMs, toMs: bin.toMs, count: open.count + bin.count } : { ...bin };
    if (open.count >= minPer) {
      merged.push(open);
      open = undefined;
    }
  }
  if (open) {
    const last = merged.pop();
    merged.push(last ? { fromMs: last.fromMs, toMs: open.toMs, count: last.count + open.count } : open);
  }
  return merged;
}
