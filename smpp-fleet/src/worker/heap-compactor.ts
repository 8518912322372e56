import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from './logger';

const MB = 1024 * 1024;

export interface HeapCompactorOptions {
  log: Logger;
  /** never compact a heap smaller than this (default 64 MB; the worker keeps ~30 MB alive under load) */
  minBytes?: number;
  /** for tests: the full GC and the heap's used size */
  gc?: () => void;
  usedBytes?: () => number;
}

/**
 * Runs one full, compacting GC when the worker falls idle after a run that left its heap far bigger
 * than what it keeps alive: an overloaded stress run queues millions of exchanges, and V8 then raises
 * its old-generation limit and leaves 100-200 MB of dead objects in place for minutes, and every
 * scavenge of the next run costs more: after bench:fleet (a), (c)'s scavenges took 2.5-4.3 ms instead
 * of 1.4-2.3 and its p99 latency was 52.1-52.4 ms instead of 51.1-51.6, even after V8's own
 * mark-compact came mid-run. With a forced full GC between the runs (112 -> 26 MB in 35 ms, while
 * nothing is timed), (c) ran at 51.6 ms p99, as on a fresh worker.
 * Compacts when the heap has grown past twice what it held after the last compaction.
 */
export class HeapCompactor {
  private readonly minBytes: number;
  private readonly usedBytes: () => number;
  private gc: (() => void) | undefined;
  private baseline: number;

  constructor(private readonly opts: HeapCompactorOptions) {
    this.minBytes = opts.minBytes ?? 64 * MB;
    this.usedBytes = opts.usedBytes ?? (() => getHeapStatistics().used_heap_size);
    this.gc = opts.gc;
    this.baseline = this.usedBytes();
  }

  /** Call when no run is left; returns whether it compacted. */
  maybeCompact(): boolean {
    const before = this.usedBytes();
    if (before < this.minBytes || before < 2 * this.baseline) return false;
    this.gc ??= exposeGc();
    const t0 = performance.now();
    this.gc();
    this.baseline = this.usedBytes();
    this.opts.log.info('heap compacted between runs', {
      beforeMb: Math.round(before / MB),
      afterMb: Math.round(this.baseline / MB),
      ms: Math.round(performance.now() - t0),
    });
    return true;
  }
}

/**
 * V8's gc() without starting Node with --expose-gc (the worker runs from a container entry, the gong
 * CLI and tests alike): the flag applies to contexts created while it is set, so a fresh context
 * hands out its gc function.
 */
function exposeGc(): () => void {
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === 'function') return own;
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
