'use client';

import type { Connection } from '@gong/core/domain/connection';
import type { Operator } from '@gong/core/domain/operator';
import type { ScenarioRecord } from '@gong/core/domain/scenario-record';
import type { Schedule } from '@gong/core/domain/schedule';
import type { LibraryEntry, Sequence } from '@gong/core/domain/sequence';
import type { Strategy } from '@gong/core/domain/strategy';
import type { PublicUser } from '@gong/core/domain/user';
import { useList } from './crud';

/** Secrets are write-only: the API omits them, so reads may lack them. */
export type ConnectionView = Omit<Connection, 'jcli' | 'smpp'> & {
  jcli: Omit<Connection['jcli'], 'password'> & { hasPassword?: boolean };
  smpp: Omit<Connection['smpp'], 'password'> & { hasPassword?: boolean };
};
export type OperatorView = Omit<Operator, 'bindPassword'> & { hasBindPassword?: boolean };

export const useConnections = () => useList<ConnectionView>('connections');
export const useScenarios = () => useList<ScenarioRecord>('scenarios');
export const useOperators = (connectionId?: string) =>
  useList<OperatorView>('operators', connectionId ? { connectionId } : undefined);
export const useSequences = () => useList<Sequence>('sequences');
export const useLibrary = () => useList<LibraryEntry>('library');
export const useStrategies = () => useList<Strategy>('strategies');
export const useUsers = () => useList<PublicUser>('users');
export const useSchedules = () => useList<Schedule>('schedules');
