'use client';

import Link from 'next/link';
import { useMe } from '@/components/shell/me';
import { RunBanner } from '@/components/stress/run-banner';
import { Empty, ErrorBox, Loading } from '@/components/ui/query-state';
import { useDashboard } from '@/lib/api/dashboard';
import { fmtNum, since } from '@/lib/format';
import { HealthBadge } from './health-dot';

export function DashboardView() {
  const me = useMe();
  const q = useDashboard();
  return (
    <>
      <h1>Dashboard</h1>
      <RunBanner />
      {q.isPending && <Loading what="the dashboard" />}
      {q.isError && <ErrorBox error={q.error} retry={() => q.refetch()} />}
      {q.data && (
        <div className="grid grid-2">
          <section className="panel" aria-labelledby="conn-h">
            <h2 id="conn-h">Connections</h2>
            {q.data.connections.length === 0 ? (
              <Empty>
                No gateway connections yet.{' '}
                {me.can('admin') ? (
                  <Link href="/settings/connections">Add one in Settings</Link>
                ) : (
                  'Ask an administrator to add one.'
                )}
              </Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>Connection</th>
                    <th>Status</th>
                    <th>Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.connections.map((c) => (
                    <tr key={c.id} data-testid="connection-row">
                      <td>{c.name}</td>
                      <td>
                        <HealthBadge colour={c.health?.colour} />
                      </td>
                      <td className="muted">{c.health?.reason ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel" aria-labelledby="who-h">
            <h2 id="who-h">Who is online</h2>
            {q.data.presence.length === 0 ? (
              <Empty>Nobody else is active right now.</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>User</th>
                    <th>Doing</th>
                    <th>Last seen</th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.presence.map((p) => (
                    <tr key={p.userId} data-testid="presence-row">
                      <td>{p.userName}</td>
                      <td>{p.where}</td>
                      <td className="muted">{since(p.seenAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel" aria-labelledby="fleet-h" style={{ gridColumn: '1 / -1' }}>
            <h2 id="fleet-h">Worker fleet</h2>
            {q.data.fleet.length === 0 ? (
              <Empty>
                No worker has reported yet. Start the local stack (`npm start`) or check the fleet service.
              </Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>Slot</th>
                    <th>Port</th>
                    <th>Bound operators</th>
                    <th className="num">Sent/s</th>
                    <th className="num">Answered/s</th>
                    <th className="num">Sessions</th>
                    <th>Runs</th>
                    <th>Last report</th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.fleet.map((w) => (
                    <tr key={`${w.slot}-${w.workerId ?? ''}`} data-testid="fleet-row">
                      <td>
                        <span className={`dot ${w.stale ? 'red' : 'green'}`} aria-hidden="true" /> {w.slot}
                      </td>
                      <td>{w.port ?? '—'}</td>
                      <td>
                        {(w.binds ?? []).length === 0
                          ? 'none'
                          : (w.binds ?? []).map((b) => `${b.systemId} (${b.bindType})`).join(', ')}
                      </td>
                      <td className="num">{fmtNum(w.sentPerSec)}</td>
                      <td className="num">{fmtNum(w.answeredPerSec)}</td>
                      <td className="num">{fmtNum(w.activeSessions)}</td>
                      <td>{(w.activeRuns ?? []).length || '—'}</td>
                      <td className="muted">{since(w.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </>
  );
}
