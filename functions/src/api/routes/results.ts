import type { ResultsDeps } from '../../results/deps';
import { numbersCsv, seriesCsv } from '../../results/exports';
import {
  CompareParams,
  NumbersParams,
  runComparison,
  runNumbers,
  runSeries,
  runSummary,
  SeriesParams,
} from '../../results/run-results';
import type { ApiDeps } from '../deps';
import { type AnyRoute, route } from '../router';
import { getOr404, pathId } from './crud';

const TAG = 'results';
const watching = (p: Record<string, string>) => `stress run ${p.id ?? ''}`;

/** Live and final results of stress runs (pure functions in functions/src/results), behind a tenant check. */
export function resultRoutes(deps: ApiDeps): AnyRoute[] {
  const results: ResultsDeps = { metrics: deps.metrics, clock: deps.clock };
  // metrics are keyed by tenant too; checking the run first turns another tenant's id into a plain 404
  const ownRun = async (tenantId: string, params: Record<string, string>) =>
    (await getOr404(deps.repositories.runs, tenantId, pathId(params, 'stress run'), 'stress run')).id;
  const csv = (text: string, name: string) => ({
    text,
    contentType: 'text/csv; charset=utf-8',
    headers: { 'content-disposition': `attachment; filename="${name}"` },
  });
  return [
    route({
      method: 'GET',
      path: '/runs/{id}/series',
      auth: 'viewer',
      tag: TAG,
      summary: 'Per-second series (per operator and total) since an epoch second, for polling',
      query: SeriesParams.omit({ runId: true }),
      activity: watching,
      async handle({ principal, params, query }) {
        const runId = await ownRun(principal.tenantId, params);
        return { json: await runSeries(results, principal.tenantId, { ...query, runId }) };
      },
    }),
    route({
      method: 'GET',
      path: '/runs/{id}/numbers',
      auth: 'viewer',
      tag: TAG,
      summary: 'Per-number table, sorted and paged',
      query: NumbersParams.omit({ runId: true }),
      activity: watching,
      async handle({ principal, params, query }) {
        const runId = await ownRun(principal.tenantId, params);
        return { json: await runNumbers(results, principal.tenantId, { ...query, runId }) };
      },
    }),
    route({
      method: 'GET',
      path: '/runs/{id}/summary',
      auth: 'viewer',
      tag: TAG,
      summary: 'Run summary: final when stored, live while the run goes on',
      activity: watching,
      async handle({ principal, params }) {
        const runId = await ownRun(principal.tenantId, params);
        return { json: await runSummary(results, principal.tenantId, { runId }) };
      },
    }),
    route({
      method: 'GET',
      path: '/runs/compare',
      auth: 'viewer',
      tag: TAG,
      summary: 'Compare two to ten runs against a baseline (default: the first)',
      query: CompareParams,
      activity: 'stress testing: comparing runs',
      async handle({ principal, query }) {
        for (const id of query.ids) await ownRun(principal.tenantId, { id });
        if (query.baseline) await ownRun(principal.tenantId, { id: query.baseline });
        return { json: await runComparison(results, principal.tenantId, query) };
      },
    }),
    route({
      method: 'GET',
      path: '/runs/{id}/export/numbers.csv',
      auth: 'viewer',
      tag: TAG,
      summary: 'Per-number table as CSV',
      produces: 'csv',
      async handle({ principal, params }) {
        const runId = await ownRun(principal.tenantId, params);
        return csv(await numbersCsv(results, principal.tenantId, { runId }), `run-${runId}-numbers.csv`);
      },
    }),
    route({
      method: 'GET',
      path: '/runs/{id}/export/series.csv',
      auth: 'viewer',
      tag: TAG,
      summary: 'Per-second series as CSV',
      produces: 'csv',
      async handle({ principal, params }) {
        const runId = await ownRun(principal.tenantId, params);
        return csv(await seriesCsv(results, principal.tenantId, { runId }), `run-${runId}-series.csv`);
      },
    }),
  ];
}
