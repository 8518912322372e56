'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, listAll } from './client';

/** Fields the API owns on every stored record. */
export type Draft<T> = Omit<T, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

/** TanStack Query hooks for one of the API's plain CRUD collections (/connections, /operators, …). */
export function makeCrud<T extends { id: string }>(resource: string) {
  const path = `/${resource}`;
  const keys = {
    all: [resource] as const,
    list: (query?: Record<string, string | undefined>) => [resource, 'list', query ?? {}] as const,
    one: (id: string) => [resource, 'one', id] as const,
  };

  function useList(query?: Record<string, string | undefined>, opts: { enabled?: boolean } = {}) {
    return useQuery({
      queryKey: keys.list(query),
      queryFn: () => listAll<T>(path, query),
      enabled: opts.enabled ?? true,
    });
  }

  function useOne(id: string | undefined) {
    return useQuery({
      queryKey: keys.one(id ?? ''),
      queryFn: () => api<T>(`${path}/${encodeURIComponent(id ?? '')}`),
      enabled: Boolean(id),
    });
  }

  function useSave() {
    const qc = useQueryClient();
    return useMutation({
      mutationFn: (input: { id?: string; data: Draft<T> | Partial<Draft<T>> }) =>
        input.id
          ? api<T>(`${path}/${encodeURIComponent(input.id)}`, { method: 'PUT', body: input.data })
          : api<T>(path, { method: 'POST', body: input.data }),
      onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
    });
  }

  function useRemove() {
    const qc = useQueryClient();
    return useMutation({
      mutationFn: (id: string) => api<void>(`${path}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
    });
  }

  return { keys, useList, useOne, useSave, useRemove };
}
