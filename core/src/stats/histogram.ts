import type { HistogramData } from '../messages/worker-event';

/**
 * Mergeable log-linear latency histogram (HDR-style).
 *
 * Values are milliseconds, stored internally as integer microseconds so sub-ms latencies keep their
 * resolution. Buckets: values below `2 * half` microseconds are exact; above, each power-of-two range
 * is split into `half` linear sub-buckets, so the relative error is at most 1 / half
 * (precision 2 → half = 128 → < 0.8 %; precision 3 → half = 1024 → < 0.1 %).
 * Two histograms of the same precision merge by adding bucket counts, so per-second histograms
 * from many workers and many batches add up to exact run-level histograms.
 */
export const DEFAULT_PRECISION = 2;
const US_PER_MS = 1000;
const INITIAL_CAPACITY = 64;

export interface Bucket {
  index: number;
  count: number;
  /** inclusive lower bound, ms */
  lowMs: number;
  /** exclusive upper bound, ms */
  highMs: number;
}

export class Histogram {
  readonly precision: number;
  private readonly subBits: number;
  private readonly half: number;
  /** counts[i] is the count of bucket index `offset + i` */
  private counts: Float64Array = new Float64Array(0);
  private offset = 0;
  private used = 0;
  private n = 0;
  private sumMs = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = Number.NEGATIVE_INFINITY;

  constructor(precision: number = DEFAULT_PRECISION) {
    if (!Number.isInteger(precision) || precision < 1 || precision > 5) {
      throw new RangeError(`histogram precision must be an integer 1..5, got ${precision}`);
    }
    this.precision = precision;
    this.subBits = Math.ceil(Math.log2(2 * 10 ** precision));
    this.half = 2 ** (this.subBits - 1);
  }

  get count(): number {
    return this.n;
  }
  get sum(): number {
    return this.sumMs;
  }
  /** 0 when empty */
  get min(): number {
    return this.n === 0 ? 0 : this.minMs;
  }
  /** 0 when empty */
  get max(): number {
    return this.n === 0 ? 0 : this.maxMs;
  }
  /** 0 when empty */
  get mean(): number {
    return this.n === 0 ? 0 : this.sumMs / this.n;
  }

  /** Records `count` occurrences of a latency in ms. Negative values (clock skew) count as 0. */
  record(valueMs: number, count = 1): void {
    if (!Number.isFinite(valueMs) || count <= 0) return;
    const v = Math.max(valueMs, 0);
    this.addToBucket(this.indexOf(Math.round(v * US_PER_MS)), count);
    this.n += count;
    this.sumMs += v * count;
    if (v < this.minMs) this.minMs = v;
    if (v > this.maxMs) this.maxMs = v;
  }

  /** Adds another histogram's counts into this one. Different precisions merge by bucket midpoints. */
  merge(other: Histogram): this {
    if (other.n === 0) return this;
    if (other.precision === this.precision) {
      for (let i = 0; i < other.used; i++) {
        const c = other.counts[i] ?? 0;
        if (c > 0) this.addToBucket(other.offset + i, c);
      }
    } else {
      for (const b of other.buckets()) {
        this.addToBucket(this.indexOf(Math.round(((b.lowMs + b.highMs) / 2) * US_PER_MS)), b.count);
      }
    }
    this.n += other.n;
    this.sumMs += other.sumMs;
    if (other.minMs < this.minMs) this.minMs = other.minMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
    return this;
  }

  /** The value (ms) at quantile q ∈ [0, 1]: the midpoint of the bucket holding that rank, within [min, max]. */
  quantile(q: number): number {
    if (this.n === 0) return 0;
    if (q <= 0) return this.minMs;
    if (q >= 1) return this.maxMs;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < this.used; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) {
        const { lowMs, highMs } = this.bounds(this.offset + i);
        return Math.min(this.maxMs, Math.max(this.minMs, (lowMs + highMs) / 2));
      }
    }
    return this.maxMs;
  }

  /** Non-empty buckets in ascending value order. */
  *buckets(): Generator<Bucket> {
    for (let i = 0; i < this.used; i++) {
      const count = this.counts[i] ?? 0;
      if (count > 0) yield { index: this.offset + i, count, ...this.bounds(this.offset + i) };
    }
  }

  /** Value range of a bucket index, ms. */
  bounds(index: number): { lowMs: number; highMs: number } {
    const twoHalf = 2 * this.half;
    if (index < twoHalf) return { lowMs: index / US_PER_MS, highMs: (index + 1) / US_PER_MS };
    const e = Math.floor(index / this.half) - 1;
    const m = index - this.half * e;
    const scale = 2 ** e;
    return { lowMs: (m * scale) / US_PER_MS, highMs: ((m + 1) * scale) / US_PER_MS };
  }

  /** Bucket index of a value in integer microseconds. */
  indexOf(us: number): number {
    if (us < 2 * this.half) return us;
    const log2 = us < 4_294_967_296 ? 31 - Math.clz32(us) : Math.floor(Math.log2(us));
    const e = log2 - (this.subBits - 1);
    return this.half * e + Math.floor(us / 2 ** e);
  }

  /** Sparse serialization (bucket index → count), safe to ship in queue messages and store. */
  toData(): HistogramData {
    const counts: Record<string, number> = {};
    for (let i = 0; i < this.used; i++) {
      const c = this.counts[i] ?? 0;
      if (c > 0) counts[String(this.offset + i)] = c;
    }
    return {
      precision: this.precision,
      counts,
      total: this.n,
      min: this.min,
      max: this.max,
      sum: this.sumMs,
    };
  }

  static fromData(data: HistogramData): Histogram {
    const h = new Histogram(data.precision);
    let total = 0;
    for (const [key, count] of Object.entries(data.counts)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0) throw new RangeError(`bad histogram bucket index "${key}"`);
      if (count > 0) h.addToBucket(index, count);
      total += count;
    }
    if (total !== data.total) {
      throw new RangeError(`histogram total ${data.total} does not match its bucket counts (${total})`);
    }
    h.n = total;
    h.sumMs = data.sum;
    if (total > 0) {
      h.minMs = data.min;
      h.maxMs = data.max;
    }
    return h;
  }

  static merged(parts: Iterable<Histogram>, precision: number = DEFAULT_PRECISION): Histogram {
    const h = new Histogram(precision);
    for (const p of parts) h.merge(p);
    return h;
  }

  private addToBucket(index: number, count: number): void {
    if (this.used === 0) {
      if (this.counts.length === 0) this.counts = new Float64Array(INITIAL_CAPACITY);
      this.offset = index;
      this.used = 1;
      this.counts[0] = count;
      return;
    }
    let i = index - this.offset;
    if (i < 0) {
      // leave headroom below too, so values arriving in falling order do not copy every time
      const shift = Math.max(-i, this.counts.length >> 1);
      this.grow(shift, this.used + shift);
      i += shift;
    } else if (i >= this.counts.length) {
      this.grow(0, i + 1);
    }
    this.counts[i] = (this.counts[i] ?? 0) + count;
    if (i >= this.used) this.used = i + 1;
  }

  /** Reallocates so `shift` empty slots precede the current counts and at least `need` slots exist. */
  private grow(shift: number, need: number): void {
    const next = new Float64Array(Math.max(need, this.counts.length * 2));
    next.set(this.counts.subarray(0, this.used), shift);
    this.counts = next;
    this.offset -= shift;
    this.used += shift;
  }
}
