'use client';

import type { RunComparison } from '@gong/core/analysis/comparison';
import type { NumberStats } from '@gong/core/analysis/number-stats';
import type { Series, SeriesPoint } from '@gong/core/analysis/series';
import type { RunSummary } from '@gong/core/analysis/summary';
import type { StrategySpec } from '@gong/core/domain/strategy';
import type { StressPlan, StressRun } from '@gong/core/domain/stress-run';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api, type Page } from './client';

export type RunView = StressRun;
/** What POST /runs accepts: the plan before its schema defaults are applied. */
export type PlanInput = z.input<typeof StressPlan>;

export type { RunComparison } from '@gong/core/analysis/comparison';
export type { SeriesPoint } from '@gong/core/analysis/series';
export type { RunSummary } from '@gong/core/analysis/summary';
export type NumberRow = NumberStats;

/** GET /runs/{id}/series: core's Series; `?since=` returns only seconds after it. */
export type RunSeries = Series;

export interface RunFilters {
  connectionId?: string;
  strategy?: string;
  from?: string;
  to?: string;
  verdict?: string;
}

export const runKeys = {
  all: ['runs'] as const,
  current: ['runs', 'current'] as const,
  list: (f: RunFilters) => ['runs', 'list', f] as const,
  one: (id: string) => ['runs', 'one', id] as const,
  series: (id: string) => ['runs', 'series', id] as const,
  numbers: (id: string, q: object) => ['runs', 'numbers', id, q] as const,
  summary: (id: string) => ['runs', 'summary', id] as const,
  compare: (ids: string[], baseline?: string) => ['runs', 'compare', ids, baseline] as const,
};

const LIVE = ['planned', 'starting', 'running', 'stopping'];
export const isLive = (run: Pick<RunView, 'state'> | undefined | null) =>
  Boolean(run && LIVE.includes(run.state));

/** The tenant's run in progress, if any. Everyone polls it: it drives the banner and the stress page. */
export function useCurrentRun() {
  return useQuery({
    queryKey: runKeys.current,
    queryFn: async () => {
      const r = await api<{ run?: RunView | null } | RunView | null>('/runs/current');
      if (!r) return null;
      return 'run' in r ? (r.run ?? null) : (r as RunView);
    },
    refetchInterval: 2_000,
  });
}

export function useRuns(filters: RunFilters) {
  return useQuery({
    queryKey: runKeys.list(filters),
    queryFn: () => api<Page<RunView>>('/runs', { query: { ...filters, limit: 100 } }),
  });
}

export function useRun(id: string, live = false) {
  return useQuery({
    queryKey: runKeys.one(id),
    queryFn: () => api<RunView>(`/runs/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (live || isLive(q.state.data) ? 2_000 : false),
  });
}

/** Per-second series; while live, refetched every second with ?since= (only new seconds) and merged. */
export function useRunSeries(id: string, live: boolean) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: runKeys.series(id),
    queryFn: async () => {
      const prev = qc.getQueryData<RunSeries>(runKeys.series(id));
      // re-read the last two seconds: they may still be filling up
      const since = live && prev && prev.total.length > 0 ? prev.lastSecond - 2 : undefined;
      const fresh = await api<RunSeries>(`/runs/${encodeURIComponent(id)}/series`, { query: { since } });
      if (since === undefined || !prev) return fresh;
      return {
        ...fresh,
        t0: Math.min(prev.t0, fresh.t0 || prev.t0),
        lastSecond: Math.max(prev.lastSecond, fresh.lastSecond),
        perOperator: mergePoints(prev.perOperator, fresh.perOperator),
        total: mergePoints(prev.total, fresh.total),
      };
    },
    refetchInterval: live ? 1_000 : false,
  });
}

function mergePoints(a: SeriesPoint[], b: SeriesPoint[]): SeriesPoint[] {
  const key = (p: SeriesPoint) => `${p.second}|${p.operatorId}`;
  const map = new Map(a.map((p) => [key(p), p]));
  for (const p of b) map.set(key(p), p);
  return [...map.values()].sort((x, y) => x.second - y.second);
}

export function useRunNumbers(
  id: string,
  q: { sort: string; order: 'asc' | 'desc'; limit: number; cursor?: string },
  live: boolean,
) {
  return useQuery({
    queryKey: runKeys.numbers(id, q),
    queryFn: () => api<Page<NumberRow>>(`/runs/${encodeURIComponent(id)}/numbers`, { query: q }),
    refetchInterval: live ? 2_000 : false,
    placeholderData: keepPreviousData,
  });
}

/** Asked for only once the series has data: before that the API has no results for the run (404). */
export function useRunSummary(id: string, live: boolean, hasData: boolean) {
  return useQuery({
    enabled: hasData,
    queryKey: runKeys.summary(id),
    // 404 = no results have arrived yet (a run that just started): not an error to show
    queryFn: async () => {
      try {
        return await api<RunSummary>(`/runs/${encodeURIComponent(id)}/summary`);
      } catch (e) {
        if (
          e instanceof ApiError &&
          e.status === 404 &&
          e.code === 'NOT_FOUND' &&
          /no results/.test(e.message)
        )
          return null;
        throw e;
      }
    },
    refetchInterval: live ? 2_000 : false,
  });
}

export function useCompare(ids: string[], baseline?: string) {
  return useQuery({
    queryKey: runKeys.compare(ids, baseline),
    queryFn: () => api<RunComparison>('/runs/compare', { query: { ids: ids.join(','), baseline } }),
    enabled: ids.length >= 2,
  });
}

export function useStartRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (plan: PlanInput) => api<RunView>('/runs', { method: 'POST', body: plan }),
    onSuccess: () => qc.invalidateQueries({ queryKey: runKeys.all }),
  });
}

export function useStopRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<RunView>(`/runs/${encodeURIComponent(id)}/stop`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: runKeys.all }),
  });
}

export interface StrategyPreview {
  seconds: number[];
  perOperator: Record<string, number[]>;
  total: number[];
}

export function useStrategyPreview(
  input: { strategy: StrategySpec; durationSec: number; operators: unknown[] } | null,
) {
  return useQuery({
    queryKey: ['strategy-preview', input],
    queryFn: () => api<StrategyPreview>('/strategies/preview', { method: 'POST', body: input }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
