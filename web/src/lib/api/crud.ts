'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, listAll } from './client';

/** Fields the API owns on every stored record. */
export type Draft<T> = Omit<T, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

/** The API's plain CRUD collections. */
export type Resource =
  | 'connections'
  | 'operators'
  | 'sequences'
  | 'library'
  | 'strategies'
  | 'scenarios'
  | 'users'
  | 'schedules';

export const crudKeys = {
  all: (resource: Resource) => [resource] as const,
  list: (resource: Resource, query?: Record<string, string | undefined>) =>
    [resource, 'list', query ?? {}] as const,
  one: (resource: Resource, id: string) => [resource, 'one', id] as const,
};

export function useList<T>(
  resource: Resource,
  query?: Record<string, string | undefined>,
  opts: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: crudKeys.list(resource, query),
    queryFn: () => listAll<T>(`/${resource}`, query),
    enabled: opts.enabled ?? true,
  });
}

export function useOne<T>(resource: Resource, id: string | undefined) {
  return useQuery({
    queryKey: crudKeys.one(resource, id ?? ''),
    queryFn: () => api<T>(`/${resource}/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useSave<T>(resource: Resource) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; data: unknown }) =>
      input.id
        ? api<T>(`/${resource}/${encodeURIComponent(input.id)}`, { method: 'PUT', body: input.data })
        : api<T>(`/${resource}`, { method: 'POST', body: input.data }),
    onSuccess: () => qc.invalidateQueries({ queryKey: crudKeys.all(resource) }),
  });
}

export function useRemove(resource: Resource) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/${resource}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    // queries about the deleted record itself (its jCli script…) would only fetch a 404 now
    onSuccess: (_, id) =>
      qc.invalidateQueries({
        queryKey: crudKeys.all(resource),
        predicate: (q) => !q.queryKey.includes(id),
      }),
  });
}
