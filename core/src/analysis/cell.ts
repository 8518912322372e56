import type { Verdict } from '../domain/exchange';
import type { HistogramData } from '../messages/worker-event';
import { Histogram } from '../stats/histogram';

/** Latency histograms of aggregates use this precision (< 0.8 % relative error). */
export const CELL_PRECISION = 2;

/** One run × operator × second: what went out that second and how it came back. */
export interface CellStats {
  operatorId: string;
  /** epoch second of the intended send time (the open-model schedule; same key as the worker's SecondBucket) */
  second: number;
  sent: number;
  answered: number;
  verdicts: Partial<Record<Verdict, number>>;
  /** non-zero command_status → count, keys like "0x58" */
  errorsByStatus: Record<string, number>;
  /** latency from intended send time, ms */
  latency: HistogramData;
  /** latency from actual send time, ms */
  latencyActual: HistogramData;
  /** how far behind schedule sends went out, max ms */
  maxLagMs: number;
}

/** Mutable accumulator of cells, keyed by operator and second; merging is commutative. */
export class CellAccumulator {
  operatorId: string;
  second: number;
  sent = 0;
  answered = 0;
  verdicts: Partial<Record<Verdict, number>> = {};
  errorsByStatus: Record<string, number> = {};
  latency = new Histogram(CELL_PRECISION);
  latencyActual = new Histogram(CELL_PRECISION);
  maxLagMs = 0;

  constructor(operatorId: string, second: number) {
    this.operatorId = operatorId;
    this.second = second;
  }

  add(cell: CellStats): this {
    this.sent += cell.sent;
    this.answered += cell.answered;
    addCounts(this.verdicts, cell.verdicts);
    addCounts(this.errorsByStatus, cell.errorsByStatus);
    this.latency.merge(Histogram.fromData(cell.latency));
    this.latencyActual.merge(Histogram.fromData(cell.latencyActual));
    this.maxLagMs = Math.max(this.maxLagMs, cell.maxLagMs);
    return this;
  }

  toStats(): CellStats {
    return {
      operatorId: this.operatorId,
      second: this.second,
      sent: this.sent,
      answered: this.answered,
      verdicts: { ...this.verdicts },
      errorsByStatus: { ...this.errorsByStatus },
      latency: this.latency.toData(),
      latencyActual: this.latencyActual.toData(),
      maxLagMs: this.maxLagMs,
    };
  }
}

export function addCounts<K extends string>(
  into: Partial<Record<K, number>>,
  from: Partial<Record<K, number>>,
): void {
  for (const [k, v] of Object.entries(from) as [K, number | undefined][]) {
    if (v) into[k] = (into[k] ?? 0) + v;
  }
}

export const cellKey = (operatorId: string, second: number) => `${second}#${operatorId}`;

/** Merges cell fragments (from many batches) into one cell per operator and second, sorted by second. */
export function mergeCells(fragments: Iterable<CellStats>): CellStats[] {
  const acc = new Map<string, CellAccumulator>();
  for (const f of fragments) {
    const key = cellKey(f.operatorId, f.second);
    let a = acc.get(key);
    if (!a) {
      a = new CellAccumulator(f.operatorId, f.second);
      acc.set(key, a);
    }
    a.add(f);
  }
  return [...acc.values()]
    .map((a) => a.toStats())
    .sort((x, y) => x.second - y.second || x.operatorId.localeCompare(y.operatorId));
}
