import type { SessionLogEntry } from '@gong/core/analysis/batch-aggregate';
import type { MetricsStore } from '@gong/core/ports/metrics-store';

/** One line of a functional session's log, numbered from 0 in the order the analyzer stored it. */
export interface NumberedLogEntry extends SessionLogEntry {
  seq: number;
}

/**
 * A session's log lines with seq >= since (seq = position in send-time order), at most `limit`.
 * The metrics store keeps the log by send time; a session's log is small, so it is read whole.
 */
export async function readSessionLog(
  metrics: MetricsStore,
  tenantId: string,
  sessionId: string,
  since = 0,
  limit = Number.POSITIVE_INFINITY,
): Promise<NumberedLogEntry[]> {
  const all = await metrics.sessionLog(tenantId, sessionId);
  return all.slice(since, since + limit).map((e, i) => ({ ...e, seq: since + i }));
}

export interface SessionStats {
  sent: number;
  received: number;
  /** mean time from send to reply over answered messages, ms (null when none answered) */
  averageReturnMs: number | null;
  verdicts: Record<string, number>;
  firstAt: number | null;
  lastAt: number | null;
}

export function sessionStats(entries: readonly SessionLogEntry[]): SessionStats {
  const verdicts: Record<string, number> = {};
  let sent = 0;
  let received = 0;
  let latencySum = 0;
  let latencyCount = 0;
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  for (const e of entries) {
    verdicts[e.verdict] = (verdicts[e.verdict] ?? 0) + 1;
    if (e.verdict !== 'unexpected') sent += 1;
    if (e.replyAt !== undefined) {
      received += 1;
      if (e.verdict !== 'unexpected') {
        latencySum += e.latencyMs ?? e.replyAt - e.sentAt;
        latencyCount += 1;
      }
    }
    const at = e.replyAt ?? e.sentAt;
    firstAt = firstAt === null ? e.sentAt : Math.min(firstAt, e.sentAt);
    lastAt = lastAt === null ? at : Math.max(lastAt, at);
  }
  return {
    sent,
    received,
    averageReturnMs: latencyCount === 0 ? null : Math.round((latencySum / latencyCount) * 10) / 10,
    verdicts,
    firstAt,
    lastAt,
  };
}

const CSV_COLUMNS = [
  'seq',
  'sent_at',
  'step',
  'msisdn',
  'message',
  'reply',
  'reply_at',
  'latency_ms',
  'verdict',
  'resp_status',
] as const;

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  // neutralise spreadsheet formulas, quote when needed
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export function sessionCsv(entries: readonly NumberedLogEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        e.seq,
        iso(e.sentAt),
        e.stepIndex,
        e.msisdn,
        e.text,
        e.replyText,
        iso(e.replyAt),
        e.latencyMs ?? (e.replyAt === undefined ? undefined : e.replyAt - e.sentAt),
        e.verdict,
        e.respStatus,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function wikiCell(value: string | number | undefined): string {
  if (value === undefined || value === '') return ' ';
  // | splits cells and {} [] start macros/links in Jira wiki markup
  return String(value)
    .replace(/\r?\n/g, ' ')
    .replace(/([|{}[\]])/g, '\\$1');
}

/** The log as a Jira wiki-markup table. */
export function sessionWikiTable(entries: readonly NumberedLogEntry[]): string {
  const header = '||#||Sent||Message||Reply||Replied||Latency (ms)||Verdict||';
  const rows = entries.map(
    (e) =>
      `|${[
        e.seq,
        iso(e.sentAt),
        e.text,
        e.replyText,
        iso(e.replyAt),
        e.latencyMs ?? (e.replyAt === undefined ? undefined : e.replyAt - e.sentAt),
        e.verdict,
      ]
        .map(wikiCell)
        .join('|')}|`,
  );
  return [header, ...rows].join('\n');
}
