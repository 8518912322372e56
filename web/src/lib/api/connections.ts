'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ConnectionHealth } from './dashboard';

export interface JcliScript {
  script: string;
  warnings: { level: 'info' | 'warn'; code: string; message: string }[];
}

export function useJcliScript(id: string | undefined) {
  return useQuery({
    queryKey: ['connections', 'jcli', id],
    queryFn: () => api<JcliScript>(`/connections/${encodeURIComponent(id ?? '')}/jcli-script`),
    enabled: Boolean(id),
  });
}

export function useTestConnection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<ConnectionHealth>(`/connections/${encodeURIComponent(id)}/test`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['dashboard'] }),
  });
}

export function useApplyJcli() {
  return useMutation({
    mutationFn: (id: string) =>
      api<{ ok: boolean; connectors?: unknown; transcript?: string[] | string }>(
        `/connections/${encodeURIComponent(id)}/apply`,
        { method: 'POST' },
      ),
  });
}
