import { memoryRepositories } from '@gong/core/app/repositories';
import type { FunctionalSession } from '@gong/core/domain/functional-session';
import { applySessionEvent } from '@gong/functions/sessions/session-events';
import { describe, expect, it } from 'vitest';

const aSession = (over: Partial<FunctionalSession> = {}): FunctionalSession => ({
  id: 's1',
  tenantId: 'demo',
  userId: 'u1',
  connectionId: 'c1',
  operatorId: 'op1',
  msisdn: '40721000001',
  mode: 'automated',
  blockOnError: true,
  record: true,
  state: 'running',
  cursor: 0,
  createdAt: 1000,
  updatedAt: 1000,
  ...over,
});

const event = (state: 'running' | 'blocked' | 'done' | 'error', at: number, cursor = 0) =>
  ({
    type: 'session.event',
    v: 1,
    tenantId: 'demo',
    sessionId: 's1',
    at,
    state,
    cursor,
    message: '',
  }) as const;

describe('session events from workers', () => {
  it('moves an automated session to done with its cursor', async () => {
    const { sessions } = memoryRepositories();
    await sessions.put('demo', aSession());
    await applySessionEvent(sessions, event('done', 2000, 3));
    expect(await sessions.get('demo', 's1')).toMatchObject({ state: 'done', cursor: 3, updatedAt: 2000 });
  });

  it('maps a worker error to blocked and ignores an older, late event', async () => {
    const { sessions } = memoryRepositories();
    await sessions.put('demo', aSession());
    await applySessionEvent(sessions, event('error', 3000, 1));
    await applySessionEvent(sessions, event('running', 2500, 0));
    expect(await sessions.get('demo', 's1')).toMatchObject({ state: 'blocked', cursor: 1 });
  });

  it('keeps a closed session closed and ignores sessions that are gone', async () => {
    const { sessions } = memoryRepositories();
    await sessions.put('demo', aSession({ state: 'closed' }));
    await applySessionEvent(sessions, event('done', 5000, 2));
    expect((await sessions.get('demo', 's1'))?.state).toBe('closed');
    await expect(
      applySessionEvent(sessions, { ...event('done', 5000), sessionId: 'gone' }),
    ).resolves.toBeUndefined();
  });

  it('never reaches another tenant', async () => {
    const { sessions } = memoryRepositories();
    await sessions.put('demo', aSession());
    await applySessionEvent(sessions, { ...event('done', 2000), tenantId: 'acme' });
    expect((await sessions.get('demo', 's1'))?.state).toBe('running');
  });
});
