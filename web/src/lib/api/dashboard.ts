'use client';

import type { HealthColour } from '@gong/core/domain/connection';
import type { Presence } from '@gong/core/domain/ephemeral';
import type { WorkerStatus } from '@gong/core/messages/worker-event';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { RunView } from './runs';

export type { Presence } from '@gong/core/domain/ephemeral';

export interface ConnectionHealth {
  id: string;
  name: string;
  health: { colour: HealthColour; reason: string; checkedAt?: number; details?: string[] };
}

export type FleetWorker = Partial<WorkerStatus> & { slot: number; workerId?: string; stale?: boolean };

export interface Dashboard {
  presence: Presence[];
  currentRun?: RunView | null;
  connections: ConnectionHealth[];
  fleet: FleetWorker[];
}

export function useDashboard() {
  return useQuery({
    queryKey: ['dashboard'],
    queryFn: () => api<Dashboard>('/dashboard'),
    refetchInterval: 5_000,
  });
}
