'use client';

import { useState } from 'react';
import { useMe } from '@/components/shell/me';
import { Empty, ErrorBox, Loading } from '@/components/ui/query-state';
import { isActiveSession, useSessions } from '@/lib/api/sessions';
import { fmtDateTime } from '@/lib/format';
import { NewSessionForm } from './new-session-form';
import { SessionCard } from './session-card';

/** Functional testing: open sessions (several automated runs side by side) and reopen past ones. */
export function FunctionalView() {
  const me = useMe();
  const sessions = useSessions();
  const [shown, setShown] = useState<string[] | undefined>(undefined);
  const all = sessions.data ?? [];
  const mine = all.filter((s) => s.userId === me.id);
  // by default show my sessions that are still going
  const visible =
    shown ??
    mine
      .filter((s) => isActiveSession(s) || s.state === 'blocked')
      .map((s) => s.id)
      .slice(0, 4);
  const show = (id: string) => setShown([id, ...visible.filter((x) => x !== id)]);
  const hide = (id: string) => setShown(visible.filter((x) => x !== id));

  return (
    <>
      <h1>Functional testing</h1>
      {me.can('tester') ? (
        <NewSessionForm past={all} onCreated={show} />
      ) : (
        <div className="banner info">
          Opening sessions needs the tester role; you can look at past sessions below.
        </div>
      )}
      <div style={{ height: 16 }} />
      {sessions.isPending && <Loading what="sessions" />}
      {sessions.isError && <ErrorBox error={sessions.error} retry={() => sessions.refetch()} />}
      {visible.length > 0 && (
        <div className="sessions-grid" data-testid="sessions-grid">
          {visible.map((id) => (
            <SessionCard key={id} id={id} onClose={() => hide(id)} />
          ))}
        </div>
      )}
      {sessions.isSuccess && (
        <section className="panel" style={{ marginTop: 16 }} aria-labelledby="past-h">
          <h2 id="past-h">All sessions</h2>
          {all.length === 0 ? (
            <Empty>No sessions yet. Pick a connection, an operator and a number above and open one.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Number</th>
                  <th>Mode</th>
                  <th>State</th>
                  <th>Updated</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {all.map((s) => (
                  <tr key={s.id}>
                    <td>{s.msisdn}</td>
                    <td>{s.mode}</td>
                    <td>{s.state}</td>
                    <td>{fmtDateTime(s.updatedAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() => show(s.id)}
                        disabled={visible.includes(s.id)}
                      >
                        {visible.includes(s.id) ? 'shown' : 'Show'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
