/**
 * Due-time buckets with millisecond resolution: everything due in the same millisecond shares one
 * array, and a min-heap of bucket keys finds the next due millisecond. One timer drives thousands of
 * sends, timeouts and receipts per second instead of one setTimeout each.
 */
export class TimerWheel<T> {
  private readonly slots = new Map<number, T[]>();
  private readonly keys: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(at: number, item: T): void {
    const key = Math.ceil(at);
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = [];
      this.slots.set(key, slot);
      this.push(key);
    }
    slot.push(item);
    this.count++;
  }

  /** Earliest due time (ms), or undefined when empty. Milliseconds emptied by `remove` do not count. */
  nextAt(): number | undefined {
    while (this.keys.length > 0 && !this.slots.has(this.keys[0] as number)) this.pop();
    return this.keys[0];
  }

  /** Calls `fire` for every item due at or before `now`, earliest first. */
  due(now: number, fire: (item: T, at: number) => void): void {
    while (this.keys.length > 0 && (this.keys[0] as number) <= now) {
      const key = this.pop();
      const slot = this.slots.get(key);
      this.slots.delete(key);
      if (slot === undefined) continue;
      this.count -= slot.length;
      for (const item of slot) fire(item, key);
    }
  }

  /**
   * Takes an item out before it is due (e.g. an exchange answered long before its timeout), so the
   * wheel does not keep it alive until then. `at` is the time it was added with.
   */
  remove(at: number, item: T): boolean {
    const slot = this.slots.get(Math.ceil(at));
    if (slot === undefined) return false;
    const i = slot.indexOf(item);
    if (i < 0) return false;
    const last = slot.pop() as T;
    if (i < slot.length) slot[i] = last;
    else if (slot.length === 0) this.slots.delete(Math.ceil(at)); // its heap key finds nothing when due
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
