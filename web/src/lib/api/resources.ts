'use client';

import type { Connection } from '@gong/core/domain/connection';
import type { Operator } from '@gong/core/domain/operator';
import type { Schedule } from '@gong/core/domain/schedule';
import type { LibraryEntry, Sequence } from '@gong/core/domain/sequence';
import type { Strategy } from '@gong/core/domain/strategy';
import type { PublicUser } from '@gong/core/domain/user';
import { makeCrud } from './crud';

/** Secrets are write-only: the API omits them, so reads may lack them. */
export type ConnectionView = Omit<Connection, 'jcli' | 'smpp'> & {
  jcli: Omit<Connection['jcli'], 'password'> & { password?: string };
  smpp: Omit<Connection['smpp'], 'password'> & { password?: string };
};
export type OperatorView = Omit<Operator, 'bindPassword'> & { bindPassword?: string };

export const connections = makeCrud<ConnectionView>('connections');
export const operators = makeCrud<OperatorView>('operators');
export const sequences = makeCrud<Sequence>('sequences');
export const library = makeCrud<LibraryEntry>('library');
export const strategies = makeCrud<Strategy>('strategies');
export const users = makeCrud<PublicUser>('users');
export const schedules = makeCrud<Schedule>('schedules');
