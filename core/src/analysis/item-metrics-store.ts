import type { ApplyResult, MetricsStore, StoreCounters } from '../ports/metrics-store';
import {
  type BatchAggregate,
  keepEarliest,
  type MismatchExample,
  type SessionLogEntry,
} from './batch-aggregate';
import { type CellStats, mergeCells } from './cell';
import {
  batchItems,
  CELL_SK_END,
  cellSkFrom,
  type MetricsItem,
  markerKeys,
  NUMBERS_SK,
  readBlob,
  readCells,
  readLog,
  readMarker,
  readNumbers,
  runPk,
  SUMMARY_SK,
  sessionPk,
  summaryItems,
} from './metrics-items';
import { fromRow, mergeNumberDeltas, type NumberDelta, type NumberRow } from './number-stats';
import type { RunSummary } from './summary';

/** The few storage operations the metrics layout needs; DynamoDB and an in-memory map provide them. */
export interface ItemTable {
  getMany(keys: readonly { pk: string; sk: string }[]): Promise<MetricsItem[]>;
  /** Items of `pk` with from <= sk <= to, ascending by sk. */
  query(pk: string, from: string, to: string, limit?: number): Promise<MetricsItem[]>;
  /** Puts (create or replace); returns the number of write requests it took. */
  write(items: readonly MetricsItem[]): Promise<number>;
  /**
   * Puts `items`, then `markers` on condition that none of them exists yet (in one transaction with
   * the last items). `written: false` when the markers were already there: nothing changed.
   */
  writeOnce(
    items: readonly MetricsItem[],
    markers: readonly MetricsItem[],
  ): Promise<{ written: boolean; requests: number }>;
  counters(): StoreCounters;
}

export interface ItemMetricsStoreOptions {
  /** seconds since epoch now (for TTL) */
  nowSec: () => number;
  retentionDays: number;
}

const END = '~';

/** MetricsStore over the shared item layout (see metrics-items.ts); the adapters supply the table. */
export class ItemMetricsStore implements MetricsStore {
  constructor(
    private readonly table: ItemTable,
    private readonly options: ItemMetricsStoreOptions,
  ) {}

  private expiresAt(): number {
    return Math.floor(this.options.nowSec() + this.options.retentionDays * 86_400);
  }

  async applyBatch(tenantId: string, batch: BatchAggregate): Promise<ApplyResult> {
    const markerCount = markerKeys(tenantId, batch).length;
    if (markerCount === 0) return { applied: false, items: 0, writeRequests: 0 };
    const all = batchItems(tenantId, batch, this.expiresAt());
    const { written, requests } = await this.table.writeOnce(
      all.slice(0, -markerCount),
      all.slice(-markerCount),
    );
    return { applied: written, items: written ? all.length : 0, writeRequests: requests };
  }

  async runCells(tenantId: string, runId: string, options?: { sinceSecond?: number }): Promise<CellStats[]> {
    const since = options?.sinceSecond ?? 0;
    const items = await this.table.query(runPk(tenantId, runId), cellSkFrom(since), CELL_SK_END);
    return mergeCells(items.flatMap(readCells).filter((c) => c.second >= since));
  }

  async firstSecond(tenantId: string, runId: string): Promise<number | undefined> {
    const pk = runPk(tenantId, runId);
    const [first] = await this.table.query(pk, cellSkFrom(0), CELL_SK_END, 1);
    if (!first) return undefined;
    // every batch's share of the earliest window
    const window = first.sk.slice(0, first.sk.indexOf('#', 2) + 1);
    const items = await this.table.query(pk, window, `${window}${END}`);
    return Math.min(...items.flatMap(readCells).map((c) => c.second));
  }

  async runNumbers(tenantId: string, runId: string, options?: { fresh?: boolean }): Promise<NumberDelta[]> {
    const pk = runPk(tenantId, runId);
    if (!options?.fresh) {
      const blob = await this.blob<NumberRow[]>(pk, NUMBERS_SK);
      if (blob) return blob.map(fromRow);
    }
    const items = await this.table.query(pk, 'N#', `N#${END}`);
    return mergeNumberDeltas(items.flatMap(readNumbers));
  }

  async runBatches(tenantId: string, runId: string) {
    const items = await this.table.query(runPk(tenantId, runId), 'B#', `B#${END}`);
    let records = 0;
    const examples: MismatchExample[] = [];
    for (const item of items) {
      const m = readMarker(item);
      records += m.records;
      for (const e of m.examples) keepEarliest(examples, e);
    }
    return { batches: items.length, records, examples };
  }

  async sessionLog(
    tenantId: string,
    sessionId: string,
    options?: { sinceMs?: number },
  ): Promise<SessionLogEntry[]> {
    const items = await this.table.query(sessionPk(tenantId, sessionId), 'L#', `L#${END}`);
    const since = options?.sinceMs ?? Number.NEGATIVE_INFINITY;
    const seen = new Set<string>();
    const out: SessionLogEntry[] = [];
    for (const item of items) {
      for (const e of readLog(item)) {
        if (e.sentAt > since && !seen.has(e.recordId)) {
          seen.add(e.recordId);
          out.push(e);
        }
      }
    }
    return out.sort((a, b) => a.sentAt - b.sentAt || a.recordId.localeCompare(b.recordId));
  }

  async putSummary(tenantId: string, summary: RunSummary, numbers: readonly NumberDelta[]): Promise<void> {
    await this.table.write(summaryItems(tenantId, summary, numbers, this.expiresAt()));
  }

  async getSummary(tenantId: string, runId: string): Promise<RunSummary | undefined> {
    return this.blob<RunSummary>(runPk(tenantId, runId), SUMMARY_SK);
  }

  counters(): StoreCounters {
    return this.table.counters();
  }

  private async blob<T>(pk: string, sk: string): Promise<T | undefined> {
    const items = await this.table.query(pk, sk, `${sk}#${END}`);
    const head = items.find((i) => i.sk === sk);
    return readBlob<T>(
      head,
      items.filter((i) => i.sk.startsWith(`${sk}#`)),
    );
  }
}
