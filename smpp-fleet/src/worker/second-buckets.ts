import type { Verdict } from '@gong/core/domain/exchange';
import type { SecondBucket } from '@gong/core/messages/worker-event';
import { Histogram } from '@gong/core/stats/histogram';

interface Acc {
  tenantId: string;
  runId: string;
  operatorId: string;
  second: number;
  sent: number;
  answered: number;
  verdicts: Record<string, number>;
  errorsByStatus: Record<string, number>;
  latency: Histogram;
  latencyActual: Histogram;
  maxLagMs: number;
}

/**
 * Per-second, per-operator pre-aggregates of run traffic (keyed by the second of the intended send
 * time). `drain` hands out what accumulated since the last drain: the analyzer adds deltas up, so a
 * second may arrive in several batches.
 */
export class SecondBuckets {
  private readonly accs = new Map<string, Acc>();
  /** the cell used last: consecutive records usually share it, so the key string is rarely built */
  private last: Acc | undefined;

  sent(tenantId: string, runId: string, operatorId: string, intendedAt: number, lagMs: number): void {
    const acc = this.acc(tenantId, runId, operatorId, intendedAt);
    acc.sent++;
    if (lagMs > acc.maxLagMs) acc.maxLagMs = lagMs;
  }

  verdict(
    tenantId: string,
    runId: string,
    operatorId: string,
    intendedAt: number,
    verdict: Verdict,
    latency?: { fromIntended: number; fromSent: number },
    respStatus?: number,
  ): void {
    const acc = this.acc(tenantId, runId, operatorId, intendedAt);
    acc.verdicts[verdict] = (acc.verdicts[verdict] ?? 0) + 1;
    if (verdict === 'error' && respStatus !== undefined) {
      const key = `0x${respStatus.toString(16).padStart(8, '0')}`;
      acc.errorsByStatus[key] = (acc.errorsByStatus[key] ?? 0) + 1;
    }
    if (latency !== undefined && (verdict === 'valid' || verdict === 'invalid')) {
      acc.answered++;
      acc.latency.record(latency.fromIntended);
      acc.latencyActual.record(latency.fromSent);
    }
  }

  get size(): number {
    return this.accs.size;
  }

  /** Buckets of one tenant accumulated so far, removed from the aggregator. */
  drain(tenantId: string): SecondBucket[] {
    const out: SecondBucket[] = [];
    for (const [key, acc] of this.accs) {
      if (acc.tenantId !== tenantId) continue;
      this.accs.delete(key);
      if (this.last === acc) this.last = undefined;
      const bucket: SecondBucket = {
        operatorId: acc.operatorId,
        runId: acc.runId,
        second: acc.second,
        sent: acc.sent,
        answered: acc.answered,
        verdicts: acc.verdicts,
        errorsByStatus: acc.errorsByStatus,
        maxLagMs: Math.round(acc.maxLagMs * 1000) / 1000,
      };
      if (acc.latency.count > 0) bucket.latency = acc.latency.toData();
      if (acc.latencyActual.count > 0) bucket.latencyActual = acc.latencyActual.toData();
      out.push(bucket);
    }
    return out;
  }

  tenants(): Set<string> {
    const out = new Set<string>();
    for (const acc of this.accs.values()) out.add(acc.tenantId);
    return out;
  }

  private acc(tenantId: string, runId: string, operatorId: string, at: number): Acc {
    const second = Math.floor(at / 1000);
    const last = this.last;
    if (
      last !== undefined &&
      last.second === second &&
      last.operatorId === operatorId &&
      last.runId === runId &&
      last.tenantId === tenantId
    ) {
      return last;
    }
    const key = `${tenantId}|${runId}|${operatorId}|${second}`;
    let acc = this.accs.get(key);
    if (acc === undefined) {
      acc = {
        tenantId,
        runId,
        operatorId,
        second,
        sent: 0,
        answered: 0,
        verdicts: {},
        errorsByStatus: {},
        latency: new Histogram(),
        latencyActual: new Histogram(),
        maxLagMs: 0,
      };
      this.accs.set(key, acc);
    }
    this.last = acc;
    return acc;
  }
}
