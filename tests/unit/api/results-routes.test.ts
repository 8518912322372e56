import { aggregateBatch } from '@gong/core/analysis/batch-aggregate';
import { syntheticRecords } from '@gong/core/analysis/synthetic-run';
import { beforeAll, describe, expect, it } from 'vitest';
import { aStressRun } from '../../support/builders';
import { apiFixture, call, type Fixture } from './api-fixture';

describe('results routes', () => {
  let f: Fixture;
  let viewer: string;
  let other: string;
  const runA = aStressRun({ id: 'run-a', tenantId: 'tenant-a', state: 'finished' });
  const runB = aStressRun({ id: 'run-b', tenantId: 'tenant-a', state: 'finished' });

  beforeAll(async () => {
    f = apiFixture();
    viewer = await f.token('tenant-a', ['viewer']);
    other = await f.token('tenant-b', ['admin', 'stress', 'tester', 'viewer']);
    for (const [run, seed] of [
      [runA, 1],
      [runB, 2],
    ] as const) {
      await f.repositories.runs.create('tenant-a', run);
      const records = [
        ...syntheticRecords({
          tenantId: 'tenant-a',
          runId: run.id,
          startMs: Date.UTC(2026, 0, 1),
          durationSec: 5,
          operators: 2,
          numbers: 6,
          records: 200,
          seed,
        }),
      ];
      await f.metrics.applyBatch(
        'tenant-a',
        aggregateBatch({ batchId: `b-${run.id}`, tenantId: 'tenant-a', records }),
      );
    }
  });

  it('serves the live series, the per-number table, the summary and a comparison', async () => {
    const series = await call(f.api, 'GET', '/runs/run-a/series', { token: viewer });
    expect(series.status, series.text).toBe(200);
    expect(series.json.total.length).toBeGreaterThan(0);
    const numbers = await call(f.api, 'GET', '/runs/run-a/numbers', {
      token: viewer,
      query: 'sort=sent&order=desc&limit=4',
    });
    expect(numbers.json.items).toHaveLength(4);
    expect(numbers.json.total).toBe(6);
    expect(numbers.json.cursor).toEqual(expect.any(String));
    const summary = await call(f.api, 'GET', '/runs/run-a/summary', { token: viewer });
    expect(summary.status).toBe(200);
    expect(summary.json.final).toBe(false);
    const compare = await call(f.api, 'GET', '/runs/compare', { token: viewer, query: 'ids=run-a,run-b' });
    expect(compare.status, compare.text).toBe(200);
  });

  it('exports CSV with a text/csv content type', async () => {
    for (const path of ['/runs/run-a/export/numbers.csv', '/runs/run-a/export/series.csv']) {
      const res = await call(f.api, 'GET', path, { token: viewer });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.text.split('\r\n').length).toBeGreaterThan(2);
    }
  });

  it('answers 404 to another tenant asking for these runs, on every results route', async () => {
    for (const path of [
      '/runs/run-a/series',
      '/runs/run-a/numbers',
      '/runs/run-a/summary',
      '/runs/run-a/export/numbers.csv',
      '/runs/run-a/export/series.csv',
    ]) {
      const res = await call(f.api, 'GET', path, { token: other });
      expect(res.status, path).toBe(404);
    }
    const compare = await call(f.api, 'GET', '/runs/compare', { token: other, query: 'ids=run-a,run-b' });
    expect(compare.status).toBe(404);
  });

  it('rejects a bad comparison query with 400', async () => {
    const res = await call(f.api, 'GET', '/runs/compare', { token: viewer, query: 'ids=run-a' });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/^invalid query: ids/);
  });
});
