/** Something the driver ticks: run executors, correlators, receipt timers. */
export interface Tickable {
  tick(now: number): void;
  /** earliest time it needs a tick (ms epoch); 0 = as soon as possible; undefined = idle */
  nextAt(): number | undefined;
}

/**
 * The worker's single pacing loop. Each pass ticks everything with one `now`, then sleeps until the
 * earliest due time: setImmediate only when something is already due (a poke, or catching up),
 * otherwise a timer rounded up to whole milliseconds (Node timers cannot do better), re-armed by
 * `poke()` when new work arrives. It never spins waiting for a due time less than a millisecond away:
 * that burnt a whole core at any rate above 1,000/s and starved the gateway sharing the machine;
 * instead such sends go out together at the next millisecond, each with its own lag recorded. One loop
 * for every send, timeout and receipt keeps timer overhead independent of the message rate.
 */
export class Driver {
  private readonly items = new Set<Tickable>();
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private armedAt = Number.POSITIVE_INFINITY;
  private running = false;
  /** upper bound on a sleep so clock re-anchoring and idle work still get looked at */
  private readonly maxSleepMs = 250;

  constructor(private readonly now: () => number) {}

  add(item: Tickable): void {
    this.items.add(item);
    this.poke();
  }

  remove(item: Tickable): void {
    this.items.delete(item);
  }

  start(): void {
    this.running = true;
    this.poke();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
  }

  /** Run a pass soon (something new is due). */
  poke(): void {
    if (!this.running) return;
    this.arm(0);
  }

  private readonly pass = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    if (!this.running) return;
    const now = this.now();
    let next = now + this.maxSleepMs;
    for (const item of this.items) {
      item.tick(now);
      const at = item.nextAt();
      if (at !== undefined && at < next) next = at;
    }
    this.arm(next - this.now());
  };

  private arm(delayMs: number): void {
    const at = this.now() + delayMs;
    if (at >= this.armedAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = at;
    if (delayMs <= 0) {
      if (this.immediate === undefined) this.immediate = setImmediate(this.pass);
    } else {
      this.timer = setTimeout(this.pass, Math.ceil(delayMs));
    }
  }
}
