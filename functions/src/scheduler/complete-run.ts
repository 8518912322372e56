import { compareRuns } from '@gong/core/analysis/comparison';
import type { RunSummary } from '@gong/core/analysis/summary';
import type { Schedule } from '@gong/core/domain/schedule';
import { isTerminal, type StressRun } from '@gong/core/domain/stress-run';
import type { Verdict } from '@gong/core/stats/regression-verdict';
import { evaluateThresholds } from '@gong/core/thresholds/evaluate';
import { summarizeRun } from '../results/summarize-run';
import { tickRun } from '../run-control/lifecycle';
import { nowOf, type SchedulerDeps, schedulerOptions } from './deps';
import { callWebhook } from './webhook';

export interface CheckRequest {
  tenantId: string;
  scheduleId: string;
  runId: string;
  /** 1 for the first check after the run's planned end */
  attempt: number;
}

export type Outcome = NonNullable<Schedule['lastOutcome']>;

export type CheckResult =
  | { kind: 'pending'; state: StressRun['state']; nextCheckAt?: number }
  | { kind: 'stored'; outcome: Outcome; webhook?: boolean }
  | { kind: 'already'; outcome: Outcome }
  | { kind: 'ignored'; reason: string };

const RUN_VERDICT: Record<Verdict, StressRun['verdict']> = {
  regressed: 'regressed',
  improved: 'improved',
  'no significant change': 'no-change',
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const stored = (s: Schedule, runId: string) =>
  s.lastOutcome?.runId === runId && s.lastOutcome.result !== 'skipped-busy';

/**
 * The completion step of a scheduled run. While the run is live it ticks it (run control's clock
 * rules) and, when `book` is set, books the next check through the trigger. Once the run is terminal it
 * evaluates the thresholds on the run summary, the regression verdict against the baseline run (stored
 * on the run), stores `lastOutcome` on the schedule and calls the webhook. Idempotent: a second call
 * for the same run finds the outcome stored and changes nothing (no second webhook).
 */
export async function completeScheduledRun(
  deps: SchedulerDeps,
  req: CheckRequest,
  book = true,
): Promise<CheckResult> {
  const opts = schedulerOptions(deps);
  const { tenantId, scheduleId, runId } = req;
  const schedule = await deps.schedules.get(tenantId, scheduleId);
  if (!schedule) return { kind: 'ignored', reason: `schedule ${scheduleId} not found` };
  if (stored(schedule, runId) && schedule.lastOutcome)
    return { kind: 'already', outcome: schedule.lastOutcome };
  let run = await deps.runControl.runs.get(tenantId, runId);
  if (!run) return { kind: 'ignored', reason: `run ${runId} not found` };

  if (!isTerminal(run.state)) {
    try {
      run = await tickRun(deps.runControl, tenantId, runId);
    } catch (e) {
      deps.log({ level: 'warn', msg: 'tick of a scheduled run failed', tenantId, runId, error: message(e) });
    }
  }
  let outcome: Outcome;
  if (!isTerminal(run.state)) {
    if (req.attempt < opts.maxChecks) {
      if (!book) return { kind: 'pending', state: run.state };
      const nextCheckAt = nowOf(deps) + opts.checkIntervalMs;
      await deps.trigger.once(
        { type: 'schedule.check', v: 1, tenantId, scheduleId, runId, attempt: req.attempt + 1 },
        nextCheckAt,
      );
      return { kind: 'pending', state: run.state, nextCheckAt };
    }
    outcome = {
      at: nowOf(deps),
      runId,
      result: 'error',
      detail: `run ${runId} was still ${run.state} after ${req.attempt} checks`,
    };
  } else {
    outcome = await judge(deps, schedule, run);
  }

  let already = false;
  const after = await deps.schedules.update(tenantId, scheduleId, (s) => {
    already = stored(s, runId);
    if (already) return s;
    const { pending, ...rest } = s;
    return { ...rest, ...(pending && pending.runId !== runId ? { pending } : {}), lastOutcome: outcome };
  });
  if (already && after.lastOutcome) return { kind: 'already', outcome: after.lastOutcome };
  deps.log({
    level: 'info',
    msg: 'scheduled run outcome',
    tenantId,
    scheduleId,
    runId,
    result: outcome.result,
  });
  if (!schedule.webhookUrl) return { kind: 'stored', outcome };
  const webhook = await callWebhook(
    schedule.webhookUrl,
    {
      type: 'gong.schedule.outcome',
      v: 1,
      tenantId,
      scheduleId,
      scheduleName: schedule.name,
      runId,
      runState: run.state,
      ...outcome,
    },
    { timeoutMs: opts.webhookTimeoutMs, log: deps.log, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
  );
  return { kind: 'stored', outcome, webhook };
}

async function summaryOf(deps: SchedulerDeps, tenantId: string, runId: string): Promise<RunSummary> {
  const found = await deps.metrics.getSummary(tenantId, runId);
  if (found) return found;
  // not stored (e.g. run control could not write it): compute it from the fragments, read-only
  return summarizeRun({ metrics: deps.metrics, clock: deps.runControl.clock }, tenantId, runId, {
    store: false,
  });
}

/** pass/fail per threshold and the verdict against the baseline; a regression fails the schedule. */
async function judge(deps: SchedulerDeps, schedule: Schedule, run: StressRun): Promise<Outcome> {
  const at = nowOf(deps);
  if (run.state !== 'finished') {
    return {
      at,
      runId: run.id,
      result: 'error',
      detail: `run ${run.state}: ${run.stateReason ?? ''}`.trim(),
    };
  }
  let summary: RunSummary;
  try {
    summary = await summaryOf(deps, run.tenantId, run.id);
  } catch (e) {
    return { at, runId: run.id, result: 'error', detail: `no run summary: ${message(e)}` };
  }
  const checks = evaluateThresholds(schedule.thresholds, summary);
  const lines = checks.map(
    (c) => `${c.threshold}: ${c.pass ? 'pass' : 'FAIL'} (actual ${round(c.actual)} ${c.unit})`,
  );
  let fail = checks.some((c) => !c.pass);
  if (summary.totals.sent === 0) {
    fail = true;
    lines.push('the run sent no message');
  }

  let verdict: Outcome['verdict'];
  const baselineId = schedule.baselineRunId;
  if (baselineId && baselineId !== run.id) {
    const baseline = await summaryOf(deps, run.tenantId, baselineId).catch(() => undefined);
    if (!baseline) {
      lines.push(`baseline ${baselineId}: no summary, no verdict`);
    } else {
      const v = compareRuns([baseline, summary], baselineId).verdicts[run.id];
      if (v) {
        verdict = RUN_VERDICT[v.verdict];
        const mapped = verdict;
        await deps.runControl.runs.update(run.tenantId, run.id, (r) => ({ ...r, verdict: mapped }));
        lines.push(
          `verdict vs ${baselineId}: ${v.verdict}${v.reasons.length ? ` (${v.reasons.join('; ')})` : ''}`,
        );
        if (verdict === 'regressed') fail = true;
      }
    }
  }
  return {
    at,
    runId: run.id,
    result: fail ? 'fail' : 'pass',
    detail: lines.join('\n').slice(0, 2000),
    checks,
    ...(verdict ? { verdict } : {}),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
