import { IntMap } from '../int-map';

/**
 * Due-time buckets, a millisecond wide by default: everything due in the same bucket shares one
 * array (fired in the order added), and a min-heap of bucket keys finds the next due bucket. One
 * timer drives thousands of sends, timeouts and receipts per second instead of one setTimeout each.
 * An item's bucket time is its due time rounded up to the resolution, so nothing fires early.
 * Buckets are found through an IntMap, not a Map: a bucket is added and deleted every millisecond,
 * and a churned Map keeps its dead tables (and the items in them) alive until a full GC (see IntMap).
 */
export class TimerWheel<T> {
  private readonly slots = new IntMap<T[]>();
  private readonly keys: number[] = [];
  private count = 0;
  /** buckets per millisecond */
  private readonly perMs: number;

  constructor(resolutionMs = 1) {
    this.perMs = 1 / resolutionMs;
  }

  get size(): number {
    return this.count;
  }

  add(at: number, item: T): void {
    const key = Math.ceil(at * this.perMs);
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = [];
      this.slots.set(key, slot);
      this.push(key);
    }
    slot.push(item);
    this.count++;
  }

  /** Earliest bucket time (ms), or undefined when empty. Buckets emptied by `remove` do not count. */
  nextAt(): number | undefined {
    while (this.keys.length > 0 && !this.slots.has(this.keys[0] as number)) this.pop();
    const key = this.keys[0];
    return key === undefined ? undefined : key / this.perMs;
  }

  /** Calls `fire` for every item whose bucket time is at or before `now`, earliest first. */
  due(now: number, fire: (item: T, at: number) => void): void {
    const limit = now * this.perMs;
    while (this.keys.length > 0 && (this.keys[0] as number) <= limit) {
      const key = this.pop();
      const slot = this.slots.take(key);
      if (slot === undefined) continue;
      this.count -= slot.length;
      const at = key / this.perMs;
      for (const item of slot) fire(item, at);
    }
  }

  /**
   * Takes an item out before it is due (e.g. an exchange answered long before its timeout), so the
   * wheel does not keep it alive until then. `at` is the time it was added with.
   */
  remove(at: number, item: T): boolean {
    const key = Math.ceil(at * this.perMs);
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    const i = slot.indexOf(item);
    if (i < 0) return false;
    const last = slot.pop() as T;
    if (i < slot.length) slot[i] = last;
    else if (slot.length === 0) this.slots.delete(key); // its heap key finds nothing when due
    this.count--;
    return true;
  }

  clear(): void {
    this.slots.clear();
    this.keys.length = 0;
    this.count = 0;
  }

  private push(key: number): void {
    const h = this.keys;
    h.push(key);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((h[parent] as number) <= key) break;
      h[i] = h[parent] as number;
      i = parent;
    }
    h[i] = key;
  }

  private pop(): number {
    const h = this.keys;
    const top = h[0] as number;
    const last = h.pop() as number;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && (h[r] as number) < (h[l] as number) ? r : l;
        if ((h[c] as number) >= last) break;
        h[i] = h[c] as number;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
