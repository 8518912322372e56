/**
 * A hash map from integer keys (safe integers: sequence numbers, millisecond buckets) to values, for
 * tables that churn on hot paths: requests in flight, timer buckets. Open addressing with linear
 * probing and backward-shift deletion, in two arrays that are replaced only when the table grows or
 * shrinks by a factor of two, so `set` and `delete` allocate nothing.
 *
 * Why not a Map: V8 rebuilds a Map's hash table every few hundred set/delete pairs, and each table
 * it leaves behind keeps a link to its successor (for iterators still walking it). Once one of those
 * tables is in the old generation (the Map stayed big for a while, as after an overload), the link
 * chain keeps every later table, and every value they held, alive until the next full GC. In the
 * worker that was ~1.8 MB promoted per scavenge with 5-10 ms pauses, for minutes after a stress run,
 * instead of ~75 KB and 2 ms. A Map of 250 entries churned after two full GCs keeps ~12 MB per
 * scavenge; the same Map churned while young keeps 75 KB.
 */
export class IntMap<V> {
  private keys: Float64Array;
  /** `undefined` marks a free slot, so values cannot be undefined */
  private vals: (V | undefined)[];
  private mask: number;
  private count = 0;
  private readonly minCapacity: number;

  constructor(expected = 8) {
    this.minCapacity = capacityFor(expected);
    this.keys = new Float64Array(this.minCapacity);
    this.vals = new Array<V | undefined>(this.minCapacity).fill(undefined);
    this.mask = this.minCapacity - 1;
  }

  get size(): number {
    return this.count;
  }

  get(key: number): V | undefined {
    const i = this.find(key);
    return i < 0 ? undefined : this.vals[i];
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  set(key: number, value: V): void {
    if (value === undefined) throw new TypeError('IntMap values cannot be undefined');
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let i = slotOf(key, mask);
    for (; vals[i] !== undefined; i = (i + 1) & mask) {
      if (keys[i] === key) {
        vals[i] = value;
        return;
      }
    }
    keys[i] = key;
    vals[i] = value;
    if (++this.count * 2 > vals.length) this.resize(vals.length * 2);
  }

  /** Removes the key and returns what it held. */
  take(key: number): V | undefined {
    const i = this.find(key);
    if (i < 0) return undefined;
    const v = this.vals[i];
    this.removeAt(i);
    return v;
  }

  delete(key: number): boolean {
    return this.take(key) !== undefined;
  }

  /** The values, in no particular order (a copy: the map may change while you use it). */
  values(): V[] {
    const out: V[] = [];
    for (const v of this.vals) if (v !== undefined) out.push(v);
    return out;
  }

  clear(): void {
    this.keys = new Float64Array(this.minCapacity);
    this.vals = new Array<V | undefined>(this.minCapacity).fill(undefined);
    this.mask = this.minCapacity - 1;
    this.count = 0;
  }

  /** The slot holding `key`, or -1. */
  private find(key: number): number {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    for (let i = slotOf(key, mask); vals[i] !== undefined; i = (i + 1) & mask) if (keys[i] === key) return i;
    return -1;
  }

  /** Backward-shift deletion: later entries of the probe run move up, so no tombstones pile up. */
  private removeAt(hole: number): void {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let i = hole;
    for (let j = (i + 1) & mask; ; j = (j + 1) & mask) {
      const v = vals[j];
      if (v === undefined) break;
      const k = keys[j] as number;
      // the entry at j may fill the hole at i unless its home slot lies cyclically in (i, j]
      if (((j - slotOf(k, mask)) & mask) >= ((j - i) & mask)) {
        keys[i] = k;
        vals[i] = v;
        i = j;
      }
    }
    vals[i] = undefined;
    this.count--;
    if (this.count * 8 < vals.length && vals.length > this.minCapacity) this.resize(vals.length / 2);
  }

  private resize(capacity: number): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Float64Array(capacity);
    this.vals = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    for (let j = 0; j < oldVals.length; j++) {
      const v = oldVals[j];
      if (v === undefined) continue;
      const k = oldKeys[j] as number;
      let i = slotOf(k, mask);
      while (vals[i] !== undefined) i = (i + 1) & mask;
      keys[i] = k;
      vals[i] = v;
    }
    // the old array may sit in the old generation: emptied, it keeps none of the values alive
    oldVals.fill(undefined);
  }
}

function capacityFor(expected: number): number {
  let c = 8;
  while (c < expected * 2) c *= 2;
  return c;
}

/** Mixes both 32-bit halves of an integer key into a slot index. */
function slotOf(key: number, mask: number): number {
  const lo = key >>> 0;
  const hi = Math.floor(key / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return h & mask;
}
