import {
  ItemMetricsStore,
  type ItemMetricsStoreOptions,
  type ItemTable,
} from '../../analysis/item-metrics-store';
import type { MetricsItem } from '../../analysis/metrics-items';
import type { StoreCounters } from '../../ports/metrics-store';

/** The metrics table as sorted in-memory partitions; mirrors DynamoDB's put and range-query semantics. */
export class MemoryItemTable implements ItemTable {
  private readonly partitions = new Map<string, Map<string, MetricsItem>>();
  private readonly stats: StoreCounters = { writeRequests: 0, readRequests: 0, itemsWritten: 0 };

  async getMany(keys: readonly { pk: string; sk: string }[]): Promise<MetricsItem[]> {
    this.stats.readRequests += Math.ceil(keys.length / 100);
    const out: MetricsItem[] = [];
    for (const k of keys) {
      const item = this.partitions.get(k.pk)?.get(k.sk);
      if (item) out.push(item);
    }
    return out;
  }

  async query(pk: string, from: string, to: string, limit?: number): Promise<MetricsItem[]> {
    this.stats.readRequests++;
    const partition = this.partitions.get(pk);
    if (!partition) return [];
    return [...partition.values()]
      .filter((i) => i.sk >= from && i.sk <= to)
      .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0))
      .slice(0, limit);
  }

  async write(items: readonly MetricsItem[]): Promise<number> {
    for (const item of items) {
      let partition = this.partitions.get(item.pk);
      if (!partition) {
        partition = new Map();
        this.partitions.set(item.pk, partition);
      }
      partition.set(item.sk, { ...item });
    }
    const requests = Math.ceil(items.length / 100);
    this.stats.writeRequests += requests;
    this.stats.itemsWritten += items.length;
    return requests;
  }

  /** Like one DynamoDB transaction per 100 items, the last one conditional on the markers being new. */
  async writeOnce(items: readonly MetricsItem[], markers: readonly MetricsItem[]) {
    const exists = markers.every((m) => this.partitions.get(m.pk)?.has(m.sk));
    if (exists) {
      this.stats.writeRequests++;
      return { written: false, requests: 1 };
    }
    return { written: true, requests: await this.write([...items, ...markers]) };
  }

  counters(): StoreCounters {
    return { ...this.stats };
  }

  /** every item (tests) */
  size(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.size;
    return n;
  }
}

export function memoryMetricsStore(options?: Partial<ItemMetricsStoreOptions>): ItemMetricsStore {
  return new ItemMetricsStore(new MemoryItemTable(), {
    nowSec: options?.nowSec ?? (() => Date.now() / 1000),
    retentionDays: options?.retentionDays ?? 90,
  });
}
