'use client';

import type { ScenarioRecord } from '@gong/core/domain/scenario-record';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { crudKeys } from './crud';

export function useImportScenario() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { format: 'xml' | 'json'; source: string; name?: string }) =>
      api<ScenarioRecord>('/scenarios/import', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: crudKeys.all('scenarios') }),
  });
}
