'use client';

import type { Encoding } from '@gong/core/domain/message';
import { useState } from 'react';
import { useMe } from '@/components/shell/me';
import { EncodingSelect } from '@/components/ui/encoding-select';
import { Progress } from '@/components/ui/progress';
import { ErrorBox, Loading, MutationError } from '@/components/ui/query-state';
import { downloadUrl } from '@/lib/api/client';
import { useConnections, useOperators, useSequences } from '@/lib/api/resources';
import {
  isActiveSession,
  type SessionView,
  useJiraExport,
  usePatchSession,
  useSend,
  useSession,
  useSessionAction,
  useSessionLog,
  useSessionStats,
} from '@/lib/api/sessions';
import { fmtMs, fmtNum } from '@/lib/format';
import { ChatView } from './chat-view';
import { LibrarySend } from './library-send';

const STATE_COLOUR: Record<SessionView['state'], string> = {
  open: 'green',
  running: 'amber',
  waiting: 'amber',
  blocked: 'red',
  done: 'green',
  closed: '',
};

/** One functional session: progress, chat, actions, info and stats. Several sit side by side. */
export function SessionCard({ id, onClose }: { id: string; onClose: () => void }) {
  const me = useMe();
  const session = useSession(id);
  const s = session.data;
  const active = isActiveSession(s);
  const log = useSessionLog(id, active);
  const stats = useSessionStats(id, active);
  const seqs = useSequences();
  const ops = useOperators();
  const conns = useConnections();
  const send = useSend(id);
  const action = useSessionAction(id);
  const patch = usePatchSession(id);
  const jira = useJiraExport(id);
  const [text, setText] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [sequenceId, setSequenceId] = useState('');

  if (session.isPending) return <Loading what="the session" />;
  if (session.isError || !s) return <ErrorBox error={session.error} retry={() => session.refetch()} />;

  const sequence = seqs.data?.find((x) => x.id === (sequenceId || s.sequenceId));
  const operator = ops.data?.find((o) => o.id === s.operatorId);
  const connection = conns.data?.find((c) => c.id === s.connectionId);
  const total = sequence?.steps.length ?? 0;
  const pct = total > 0 ? Math.min(100, (s.cursor / total) * 100) : 0;
  const canTest = me.can('tester');
  const closed = s.state === 'closed';

  return (
    <article
      className="panel stack"
      aria-label={`Session ${s.msisdn}`}
      data-testid="session-card"
      data-state={s.state}
    >
      <div className="spread">
        <h2 style={{ margin: 0 }}>
          {s.msisdn} <span className={`badge ${STATE_COLOUR[s.state]}`}>{s.state}</span>
        </h2>
        <div className="row">
          {canTest && !closed && (
            <button type="button" onClick={() => action.mutate({ action: 'stop', body: { close: true } })}>
              Close
            </button>
          )}
          <button type="button" onClick={onClose} aria-label="Hide this session">
            Hide
          </button>
        </div>
      </div>
      {total > 0 && (
        <div>
          <Progress value={pct} label="Sequence progress" bad={s.state === 'blocked'} />
          <div className="muted small">
            {sequence?.name}: step {Math.min(s.cursor, total)} of {total} · {s.mode}
            {s.blockOnError ? ' · blocks on error' : ''}
          </div>
        </div>
      )}
      {log.isError ? (
        <ErrorBox error={log.error} retry={() => log.refetch()} />
      ) : (
        <ChatView entries={log.data?.items ?? []} sequence={sequence} />
      )}
      {canTest && !closed && (
        <section aria-label="Actions" className="stack">
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (!text.trim()) return;
              send.mutate({ text, encoding });
              setText('');
            }}
          >
            <label style={{ flex: 1 }}>
              Message
              <input
                name="text"
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="e.g. BAL"
              />
            </label>
            <EncodingSelect value={encoding} onChange={setEncoding} />
            <button
              type="submit"
              className="primary"
              disabled={send.isPending || !text.trim()}
              style={{ alignSelf: 'end' }}
            >
              Send
            </button>
          </form>
          <LibrarySend sessionId={s.id} disabled={s.state === 'running'} />
          <div className="row">
            <label>
              Sequence
              <select
                value={sequenceId || s.sequenceId || ''}
                onChange={(e) => setSequenceId(e.target.value)}
              >
                <option value="">— none —</option>
                {(seqs.data ?? []).map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={!(sequenceId || s.sequenceId) || s.state === 'running'}
              onClick={() =>
                action.mutate({
                  action: 'auto',
                  body: { sequenceId: sequenceId || s.sequenceId, blockOnError: s.blockOnError },
                })
              }
              style={{ alignSelf: 'end' }}
            >
              Run automatically
            </button>
            <button
              type="button"
              disabled={!s.sequenceId || s.state === 'running' || s.cursor >= total}
              onClick={() => action.mutate({ action: 'advance' })}
              style={{ alignSelf: 'end' }}
              title="Manual mode: send the next step of the session's sequence"
            >
              Next step
            </button>
            {s.state === 'running' && (
              <button
                type="button"
                onClick={() => action.mutate({ action: 'stop' })}
                style={{ alignSelf: 'end' }}
              >
                Stop
              </button>
            )}
          </div>
          <div className="row">
            <label className="inline">
              <input
                type="checkbox"
                checked={s.record}
                onChange={(e) => patch.mutate({ record: e.target.checked })}
              />
              Record
            </label>
          </div>
          <MutationError error={send.error ?? action.error ?? patch.error} />
        </section>
      )}
      {/* exports: for every role and also once the session is closed */}
      <section aria-label="Export" className="stack">
        <div className="row">
          <a className="button" href={downloadUrl(`/sessions/${s.id}/export.csv`)} download>
            Export CSV
          </a>
          {canTest && (
            <button type="button" disabled={jira.isPending} onClick={() => jira.mutate()}>
              {jira.isPending ? 'Exporting…' : 'Export to Jira'}
            </button>
          )}
          <a
            className="button"
            href={downloadUrl(`/sessions/${s.id}/export.jira.txt`)}
            download
            title="The issue text in Jira wiki markup, to paste into an issue by hand"
          >
            Jira text
          </a>
          {jira.data && (
            <span className="ok" role="status">
              Created{' '}
              <a href={jira.data.url} target="_blank" rel="noreferrer">
                {jira.data.key}
              </a>
            </span>
          )}
        </div>
        <MutationError error={jira.error} />
      </section>
      <div className="grid grid-2">
        <section aria-label="Info" className="small">
          <h3>Info</h3>
          <div>Number: {s.msisdn}</div>
          <div>Operator: {operator?.name ?? s.operatorId}</div>
          <div>Connection: {connection?.name ?? s.connectionId}</div>
        </section>
        <section aria-label="Stats" className="small">
          <h3>Stats</h3>
          {stats.isError ? (
            <span className="bad">stats unavailable</span>
          ) : (
            <>
              <div data-testid="stat-sent">Sent: {fmtNum(stats.data?.sent)}</div>
              <div data-testid="stat-received">Received: {fmtNum(stats.data?.received)}</div>
              <div>Avg return: {fmtMs(stats.data?.averageReturnMs)}</div>
              <div>
                Mismatches:{' '}
                {fmtNum((stats.data?.verdicts.invalid ?? 0) + (stats.data?.verdicts.unanswered ?? 0))}
              </div>
            </>
          )}
        </section>
      </div>
    </article>
  );
}
