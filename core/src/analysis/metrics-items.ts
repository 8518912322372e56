import { gunzipSync, gzipSync } from 'node:zlib';
import type { BatchAggregate, MismatchExample, SessionLogEntry } from './batch-aggregate';
import type { CellStats } from './cell';
import { fromRow, type NumberDelta, type NumberRow, toRow } from './number-stats';
import type { RunSummary } from './summary';

/**
 * The metrics table's item layout, shared by the DynamoDB adapter and its in-memory twin.
 *
 * Run partition `T#<tenant>#R#<runId>`:
 *   `S#<window:10>#<batchId>`               one batch's cells of a 10-second window (d: JSON CellStats[])
 *   `N#<batchId>#<part>`                    one batch's per-number deltas (z: gzip JSON rows)
 *   `B#<batchId>`                           batch marker, written last (d: { records, examples })
 *   `SUM`, `SUM#<k>` / `NSUM`, `NSUM#<k>`   run summary / compacted per-number table (gzip in parts)
 * Session partition `T#<tenant>#SS#<sessionId>`:
 *   `L#<firstSentAt:13>#<batchId>`          one batch's log lines of the session (d: JSON entries)
 *   `B#<batchId>`                           batch marker
 *
 * Every item is a pure function of the batch, keyed by its batchId, so writing a batch again rewrites
 * the same items: redelivery changes nothing, order does not matter, and a half-written batch is
 * completed by its redelivery. Readers merge the fragments (adding counts and histograms).
 */
export interface MetricsItem {
  pk: string;
  sk: string;
  /** JSON payload */
  d?: string;
  /** gzip-compressed JSON payload */
  z?: Uint8Array;
  expiresAt: number;
}

export const NUMBERS_PER_PART = 2000;

export const runPk = (tenantId: string, runId: string) => `T#${tenantId}#R#${runId}`;
export const sessionPk = (tenantId: string, sessionId: string) => `T#${tenantId}#SS#${sessionId}`;
export const markerSk = (batchId: string) => `B#${batchId}`;
const pad = (n: number, width: number) => String(Math.max(0, Math.floor(n))).padStart(width, '0');
/** Cells are stored per batch in windows of this many seconds: few items per batch, cheap tail reads. */
export const CELL_WINDOW_SEC = 10;
export const windowOf = (second: number) => Math.floor(second / CELL_WINDOW_SEC) * CELL_WINDOW_SEC;
/** First sort key of the window holding `second`. */
export const cellSkFrom = (second: number) => `S#${pad(windowOf(second), 10)}#`;
export const CELL_SK_END = 'S#~';

export function zip(value: unknown): Uint8Array {
  return gzipSync(JSON.stringify(value), { level: 1 });
}
export function unzip<T>(bytes: Uint8Array): T {
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as T;
}

interface MarkerData {
  records: number;
  examples: MismatchExample[];
}

/** Items of one batch with its markers last (a marker means: everything before it is written). */
export function batchItems(tenantId: string, batch: BatchAggregate, expiresAt: number): MetricsItem[] {
  const items: MetricsItem[] = [];
  const markers: MetricsItem[] = [];
  for (const run of batch.runs) {
    const pk = runPk(tenantId, run.runId);
    const windows = new Map<number, CellStats[]>();
    for (const cell of run.cells) {
      const w = windowOf(cell.second);
      const list = windows.get(w);
      if (list) list.push(cell);
      else windows.set(w, [cell]);
    }
    for (const [w, cells] of windows) {
      items.push({ pk, sk: `${cellSkFrom(w)}${batch.batchId}`, d: JSON.stringify(cells), expiresAt });
    }
    for (let part = 0; part * NUMBERS_PER_PART < run.numbers.length; part++) {
      const rows = run.numbers.slice(part * NUMBERS_PER_PART, (part + 1) * NUMBERS_PER_PART).map(toRow);
      items.push({ pk, sk: `N#${batch.batchId}#${part}`, z: zip(rows), expiresAt });
    }
    const marker: MarkerData = { records: run.records, examples: run.examples };
    markers.push({ pk, sk: markerSk(batch.batchId), d: JSON.stringify(marker), expiresAt });
  }
  for (const session of batch.sessions) {
    const pk = sessionPk(tenantId, session.sessionId);
    const first = session.entries[0]?.sentAt ?? 0;
    items.push({
      pk,
      sk: `L#${pad(first, 13)}#${batch.batchId}`,
      d: JSON.stringify(session.entries),
      expiresAt,
    });
    markers.push({
      pk,
      sk: markerSk(batch.batchId),
      d: JSON.stringify({ records: session.entries.length, examples: [] }),
      expiresAt,
    });
  }
  return [...items, ...markers];
}

/** Primary keys of a batch's markers: present for all ⇒ the batch was applied completely. */
export function markerKeys(tenantId: string, batch: BatchAggregate): { pk: string; sk: string }[] {
  return [
    ...batch.runs.map((r) => ({ pk: runPk(tenantId, r.runId), sk: markerSk(batch.batchId) })),
    ...batch.sessions.map((s) => ({ pk: sessionPk(tenantId, s.sessionId), sk: markerSk(batch.batchId) })),
  ];
}

const payload = <T>(item: MetricsItem): T => {
  if (item.z) return unzip<T>(item.z);
  if (item.d !== undefined) return JSON.parse(item.d) as T;
  throw new Error(`metrics item ${item.pk} ${item.sk} has no payload`);
};

export const readCells = (item: MetricsItem) => payload<CellStats[]>(item);
export const readNumbers = (item: MetricsItem): NumberDelta[] => payload<NumberRow[]>(item).map(fromRow);
export const readMarker = (item: MetricsItem) => payload<MarkerData>(item);
export const readLog = (item: MetricsItem) => payload<SessionLogEntry[]>(item);

/** Large values (summary, compacted numbers) are stored gzipped in parts under 400 KB each. */
export const BLOB_PART_BYTES = 300_000;
export const SUMMARY_SK = 'SUM';
export const NUMBERS_SK = 'NSUM';

/** A head item `sk` ({ parts }) plus parts `sk#0000`…; the head is last, so a present head means complete. */
export function blobItems(pk: string, sk: string, value: unknown, expiresAt: number): MetricsItem[] {
  const bytes = zip(value);
  const parts = Math.max(1, Math.ceil(bytes.length / BLOB_PART_BYTES));
  const items: MetricsItem[] = [];
  for (let k = 0; k < parts; k++) {
    items.push({
      pk,
      sk: `${sk}#${pad(k, 4)}`,
      z: bytes.subarray(k * BLOB_PART_BYTES, (k + 1) * BLOB_PART_BYTES),
      expiresAt,
    });
  }
  items.push({ pk, sk, d: JSON.stringify({ parts }), expiresAt });
  return items;
}

/** Reassembles a blob from its head and parts (in sk order); undefined when incomplete. */
export function readBlob<T>(head: MetricsItem | undefined, parts: readonly MetricsItem[]): T | undefined {
  if (!head?.d) return undefined;
  const { parts: n } = JSON.parse(head.d) as { parts: number };
  const chunks = parts.filter((p) => p.z).map((p) => p.z as Uint8Array);
  if (chunks.length < n) return undefined;
  return unzip<T>(Buffer.concat(chunks.slice(0, n)));
}

export function summaryItems(
  tenantId: string,
  summary: RunSummary,
  numbers: readonly NumberDelta[],
  expiresAt: number,
) {
  const pk = runPk(tenantId, summary.runId);
  return [
    ...blobItems(pk, NUMBERS_SK, numbers.map(toRow), expiresAt),
    ...blobItems(pk, SUMMARY_SK, summary, expiresAt),
  ];
}
