import type { BatchAggregate, MismatchExample, SessionLogEntry } from '../analysis/batch-aggregate';
import type { CellStats } from '../analysis/cell';
import type { NumberDelta } from '../analysis/number-stats';
import type { RunSummary } from '../analysis/summary';

export interface ApplyResult {
  /** false when every marker of the batch was already there (a redelivery): nothing written */
  applied: boolean;
  items: number;
  writeRequests: number;
}

export interface StoreCounters {
  /** requests sent to storage that write (one TransactWriteItems of 100 items counts once) */
  writeRequests: number;
  readRequests: number;
  itemsWritten: number;
}

/**
 * Run metrics (per-second cells, per-number totals, summaries) and functional session logs, tenant
 * scoped. Applying the same batch twice changes nothing; batches may arrive in any order.
 */
export interface MetricsStore {
  applyBatch(tenantId: string, batch: BatchAggregate): Promise<ApplyResult>;
  /** Merged cells (one per operator and second) with second >= sinceSecond, by second. */
  runCells(tenantId: string, runId: string, options?: { sinceSecond?: number }): Promise<CellStats[]>;
  /** The run's first second with data (its t = 0), if any. */
  firstSecond(tenantId: string, runId: string): Promise<number | undefined>;
  /**
   * Per-number totals of a run. Served from the compacted table written with the summary when there
   * is one, unless `fresh` asks to merge the batch fragments.
   */
  runNumbers(tenantId: string, runId: string, options?: { fresh?: boolean }): Promise<NumberDelta[]>;
  /** How many batches and records of the run were applied, and the earliest mismatch examples. */
  runBatches(
    tenantId: string,
    runId: string,
  ): Promise<{ batches: number; records: number; examples: MismatchExample[] }>;
  /** Log lines of a functional session sent after `sinceMs` (all when absent), by send time. */
  sessionLog(tenantId: string, sessionId: string, options?: { sinceMs?: number }): Promise<SessionLogEntry[]>;
  /** Stores the summary and the compacted per-number table (replacing earlier ones). */
  putSummary(tenantId: string, summary: RunSummary, numbers: readonly NumberDelta[]): Promise<void>;
  getSummary(tenantId: string, runId: string): Promise<RunSummary | undefined>;
  counters(): StoreCounters;
}
