import { numberStats } from '@gong/core/analysis/number-stats';
import { Id } from '@gong/core/domain/ids';
import { z } from 'zod';
import { iso, toCsv } from './csv';
import type { ResultsDeps } from './deps';
import { runSeries } from './run-results';

export const RunExportParams = z.object({ runId: Id });
export const SessionExportParams = z.object({ sessionId: Id });

/** CSV of the per-number table of a run (every number, by msisdn). */
export async function numbersCsv(
  deps: ResultsDeps,
  tenantId: string,
  params: z.input<typeof RunExportParams>,
) {
  const { runId } = RunExportParams.parse(params);
  const rows = (await deps.metrics.runNumbers(tenantId, runId))
    .map(numberStats)
    .sort((a, b) => a.msisdn.localeCompare(b.msisdn));
  return toCsv(
    [
      { name: 'msisdn', get: (r) => r.msisdn },
      { name: 'operator', get: (r) => r.operatorId },
      { name: 'sent', get: (r) => r.sent },
      { name: 'sent_per_sec', get: (r) => r.sentPerSec },
      { name: 'responses', get: (r) => r.responses },
      { name: 'responses_per_sec', get: (r) => r.responsesPerSec },
      { name: 'valid', get: (r) => r.valid },
      { name: 'invalid', get: (r) => r.invalid },
      { name: 'unanswered', get: (r) => r.unanswered },
      { name: 'mean_latency_ms', get: (r) => r.meanLatencyMs },
      { name: 'idle_ms', get: (r) => r.idleMs },
      { name: 'first_activity', get: (r) => iso(r.firstAt) },
      { name: 'last_activity', get: (r) => iso(r.lastAt) },
    ],
    rows,
  );
}

/** CSV of the per-second series of a run, per operator (operator "*" = all operators). */
export async function seriesCsv(
  deps: ResultsDeps,
  tenantId: string,
  params: z.input<typeof RunExportParams>,
) {
  const { runId } = RunExportParams.parse(params);
  const series = await runSeries(deps, tenantId, { runId });
  const rows = [...series.total, ...series.perOperator].sort(
    (a, b) => a.second - b.second || a.operatorId.localeCompare(b.operatorId),
  );
  return toCsv(
    [
      { name: 'second', get: (r) => iso(r.second * 1000) },
      { name: 't', get: (r) => r.t },
      { name: 'operator', get: (r) => r.operatorId },
      { name: 'sent', get: (r) => r.sent },
      { name: 'answered', get: (r) => r.answered },
      { name: 'valid', get: (r) => r.valid },
      { name: 'invalid', get: (r) => r.invalid },
      { name: 'unanswered', get: (r) => r.unanswered },
      { name: 'late', get: (r) => r.late },
      { name: 'duplicate', get: (r) => r.duplicate },
      { name: 'unexpected', get: (r) => r.unexpected },
      { name: 'error', get: (r) => r.error },
      { name: 'latency_p50_ms', get: (r) => r.p50 },
      { name: 'latency_p95_ms', get: (r) => r.p95 },
      { name: 'latency_p99_ms', get: (r) => r.p99 },
      { name: 'latency_mean_ms', get: (r) => r.meanMs },
      { name: 'latency_max_ms', get: (r) => r.maxMs },
      { name: 'max_lag_ms', get: (r) => r.maxLagMs },
    ],
    rows,
  );
}

/** CSV of a functional session's log. */
export async function sessionLogCsv(
  deps: ResultsDeps,
  tenantId: string,
  params: z.input<typeof SessionExportParams>,
) {
  const { sessionId } = SessionExportParams.parse(params);
  const entries = (await deps.metrics.sessionLog(tenantId, sessionId)).map((e, seq) => ({ ...e, seq }));
  return toCsv(
    [
      { name: 'seq', get: (e) => e.seq },
      { name: 'sent_at', get: (e) => iso(e.sentAt) },
      { name: 'step', get: (e) => e.stepIndex },
      { name: 'msisdn', get: (e) => e.msisdn },
      { name: 'encoding', get: (e) => e.encoding },
      { name: 'message', get: (e) => e.text },
      { name: 'reply', get: (e) => e.replyText },
      { name: 'reply_at', get: (e) => iso(e.replyAt) },
      { name: 'latency_ms', get: (e) => e.latencyMs },
      { name: 'verdict', get: (e) => e.verdict },
      { name: 'resp_status', get: (e) => e.respStatus },
    ],
    entries,
  );
}
