import { readFileSync, writeFileSync } from 'node:fs';
import type { Connection } from '@gong/core/domain/connection';
import type { Operator } from '@gong/core/domain/operator';
import type { Sequence } from '@gong/core/domain/sequence';
import { isTerminal, type StressRun } from '@gong/core/domain/stress-run';
import { parseScenario } from '@gong/core/scenario/scenario-file';
import { scenarioToPlan } from '@gong/core/scenario/to-plan';
import { evaluateThresholds, parseThreshold } from '@gong/core/thresholds/evaluate';
import { type ApiClient, authenticatedClient } from './api-client';
import { flag, flags } from './args';
import { runLocal } from './local-run';
import { junitXml, type RunReport, summaryTable } from './run-report';

/** Exit codes: 0 all thresholds hold · 99 a threshold failed · 1 an error · 2 bad usage or file. */
export const EXIT_THRESHOLD_FAILED = 99;

async function listAll<T>(api: ApiClient, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<{ items: T[]; cursor?: string }>(
      `${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

interface SeriesPointLike {
  t: number;
  second: number;
  sent: number;
  answered: number;
  unanswered: number;
  p95: number;
}

const unwrap = <T>(value: unknown, key: string): T =>
  ((value as Record<string, unknown>)?.[key] ?? value) as T;

export async function runCommand(argv: string[]): Promise<number> {
  const file = argv.find((a, i) => !a.startsWith('--') && !(argv[i - 1] ?? '').startsWith('--'));
  if (!file) {
    console.error(
      'usage: gong run <scenario.xml|json> [--api URL] [--threshold "p95<500ms"]… [--out results.json] [--junit report.xml]',
    );
    return 2;
  }
  const thresholds = flags(argv, '--threshold');
  let scenario: ReturnType<typeof parseScenario>;
  try {
    for (const t of thresholds) parseThreshold(t);
    scenario = parseScenario(readFileSync(file, 'utf8'), file);
  } catch (e) {
    console.error(`gong run: ${file}: ${(e as Error).message}`);
    return 2;
  }

  if (scenario.protocol.name === 'Local') {
    console.log(`gong run: Local calibration scenario, no gateway (${scenario.clients.number} client(s))`);
    const local = await runLocal(scenario, thresholds, Number(flag(argv, '--seed') ?? 1));
    console.log(`\n${local.text}\n`);
    return finish(argv, local.report, local.details);
  }

  const api = await authenticatedClient(argv);
  const [connections, operators, sequences] = await Promise.all([
    listAll<Connection>(api, '/connections'),
    listAll<Operator>(api, '/operators'),
    listAll<Sequence>(api, '/sequences'),
  ]);
  const plan = scenarioToPlan(scenario, { connections, operators, sequences });
  const run = unwrap<StressRun>(await api.post('/runs', plan), 'run');
  console.log(
    `gong run: started run ${run.id} (${plan.durationSec} s, ${plan.operators.length} operator(s), strategy ${plan.strategy.kind})`,
  );

  let stopRequested = 0;
  const onSignal = () => {
    stopRequested++;
    const action = stopRequested === 1 ? 'stop' : 'abort';
    console.log(`\ngong run: ${action} requested`);
    api
      .post(`/runs/${run.id}/${action}`)
      .catch((e: unknown) => console.error(`gong run: ${action} failed: ${(e as Error).message}`));
  };
  process.on('SIGINT', onSignal);

  const started = Date.now();
  let since = 0;
  let sent = 0;
  let unanswered = 0;
  let current = run;
  const tty = process.stdout.isTTY;
  while (!isTerminal(current.state)) {
    await new Promise((r) => setTimeout(r, 1000));
    current = unwrap<StressRun>(await api.get(`/runs/${run.id}`), 'run');
    const series = unwrap<{ total: SeriesPointLike[] }>(
      await api.get(`/runs/${run.id}/series?since=${since}`),
      'series',
    );
    const total = series.total ?? [];
    for (const p of total) {
      sent += p.sent;
      unanswered += p.unanswered;
    }
    const last = total.at(-1);
    if (last) since = last.second + 1;
    const line = `  ${current.state.padEnd(8)} ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  sent/s ${String(last?.sent ?? 0).padStart(6)}  answered/s ${String(last?.answered ?? 0).padStart(6)}  drop ${(sent ? (unanswered / sent) * 100 : 0).toFixed(2)}%  p95 ${(last?.p95 ?? 0).toFixed(1)} ms`;
    process.stdout.write(tty ? `\r${line}` : `${line}\n`);
  }
  process.off('SIGINT', onSignal);
  if (tty) process.stdout.write('\n');

  const summary = unwrap<{
    totals: RunReport['totals'] & { invalid: number };
    dropPct: number;
    latency: {
      intended: Record<string, number> & {
        p50: number;
        p90: number;
        p95: number;
        p99: number;
        max: number;
        mean: number;
      };
      actual: Record<string, number>;
    };
  }>(await api.get(`/runs/${run.id}/summary`), 'summary');
  const results = evaluateThresholds(thresholds, summary);
  const report: RunReport = {
    runId: run.id,
    name: scenario.name ?? plan.name,
    state: current.state,
    startedAt: current.startAt,
    endedAt: current.endedAt,
    totals: summary.totals,
    dropPct: summary.dropPct,
    latencyMs: { intended: summary.latency.intended, actual: summary.latency.actual },
    thresholds: results,
    passed: current.state === 'finished' && results.every((r) => r.pass),
  };
  console.log(`\n${summaryTable(report)}\n`);
  if (current.state !== 'finished') {
    console.error(
      `gong run: run ended ${current.state}${current.stateReason ? `: ${current.stateReason}` : ''}`,
    );
  }
  return finish(argv, report, summary);
}

/** Writes --out / --junit and turns the report into the exit code. */
function finish(argv: string[], report: RunReport, details: unknown): number {
  const out = flag(argv, '--out');
  if (out) writeFileSync(out, JSON.stringify({ report, details }, null, 2));
  const junit = flag(argv, '--junit');
  if (junit) writeFileSync(junit, junitXml(report));
  if (report.state !== 'finished') return 1;
  return report.thresholds.every((r) => r.pass) ? 0 : EXIT_THRESHOLD_FAILED;
}
