'use client';

import type { SessionLogEntry } from '@gong/core/analysis/batch-aggregate';
import type { Expectation } from '@gong/core/domain/expectation';
import type { FunctionalSession } from '@gong/core/domain/functional-session';
import type { Encoding } from '@gong/core/domain/message';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, listAll } from './client';

export type SessionView = FunctionalSession;
/** One line of GET /sessions/{id}/log (core's SessionLogEntry, numbered). */
export type LogEntry = SessionLogEntry & { seq: number };

export interface SessionLog {
  items: LogEntry[];
  /** pass back as ?since= */
  next: number;
  state?: FunctionalSession['state'];
  cursor?: number;
}

export interface SessionStats {
  sent: number;
  received: number;
  averageReturnMs: number | null;
  verdicts: Record<string, number>;
  firstAt: number | null;
  lastAt: number | null;
}

export interface NewSession {
  connectionId: string;
  operatorId: string;
  /** absent = a new number nobody has used yet */
  msisdn?: string;
  mode: 'manual' | 'automated';
  sequenceId?: string;
  blockOnError: boolean;
  record: boolean;
}

const keys = {
  all: ['sessions'] as const,
  list: ['sessions', 'list'] as const,
  one: (id: string) => ['sessions', 'one', id] as const,
  log: (id: string) => ['sessions', 'log', id] as const,
  stats: (id: string) => ['sessions', 'stats', id] as const,
};

const ACTIVE = ['open', 'running', 'waiting'];
export const isActiveSession = (s: Pick<SessionView, 'state'> | undefined) =>
  Boolean(s && ACTIVE.includes(s.state));

export function useSessions() {
  return useQuery({
    queryKey: keys.list,
    queryFn: () => listAll<SessionView>('/sessions'),
    refetchInterval: 5_000,
  });
}

export function useSession(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: () => api<SessionView>(`/sessions/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (isActiveSession(q.state.data) ? 1_000 : 5_000),
  });
}

/** The chat log, appended with ?since= while the session is active. */
export function useSessionLog(id: string, active: boolean) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: keys.log(id),
    queryFn: async () => {
      const prev = qc.getQueryData<SessionLog>(keys.log(id));
      const since = prev?.next;
      const fresh = await api<SessionLog>(`/sessions/${encodeURIComponent(id)}/log`, { query: { since } });
      if (since === undefined || !prev) return fresh;
      const bySeq = new Map(prev.items.map((e) => [e.seq, e]));
      for (const e of fresh.items) bySeq.set(e.seq, e);
      return { ...fresh, items: [...bySeq.values()].sort((x, y) => x.seq - y.seq) };
    },
    refetchInterval: active ? 1_000 : 10_000,
  });
}

export function useSessionStats(id: string, active: boolean) {
  return useQuery({
    queryKey: keys.stats(id),
    queryFn: () => api<SessionStats>(`/sessions/${encodeURIComponent(id)}/stats`),
    refetchInterval: active ? 2_000 : 10_000,
  });
}

function useSessionMutation<I>(fn: (input: I) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }) });
}

/** Opens a session; an automated one with a sequence is started right away. */
export function useCreateSession() {
  return useSessionMutation(async (input: NewSession) => {
    const s = await api<SessionView>('/sessions', { method: 'POST', body: input });
    if (input.mode === 'automated' && input.sequenceId) {
      return api<SessionView>(`/sessions/${encodeURIComponent(s.id)}/auto`, { method: 'POST', body: {} });
    }
    return s;
  });
}

export function useSend(id: string) {
  return useSessionMutation((input: { text: string; encoding: Encoding; expect?: Expectation }) =>
    api(`/sessions/${encodeURIComponent(id)}/send`, {
      method: 'POST',
      body: {
        message: { text: input.text, encoding: input.encoding },
        expect: input.expect ?? { kind: 'any' },
      },
    }),
  );
}

export function useSessionAction(id: string) {
  return useSessionMutation((input: { action: 'advance' | 'auto' | 'stop'; body?: unknown }) =>
    api(`/sessions/${encodeURIComponent(id)}/${input.action}`, { method: 'POST', body: input.body ?? {} }),
  );
}

export function usePatchSession(id: string) {
  return useSessionMutation((input: { record: boolean }) =>
    api(`/sessions/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
  );
}

export function useJiraExport(id: string) {
  return useMutation({
    mutationFn: () =>
      api<{ key?: string; url?: string; message?: string }>(`/sessions/${encodeURIComponent(id)}/jira`, {
        method: 'POST',
        body: {},
      }),
  });
}
