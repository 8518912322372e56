'use client';

import { useState } from 'react';
import { HealthBadge } from '@/components/dashboard/health-dot';
import { ErrorBox, Loading, MutationError } from '@/components/ui/query-state';
import { useDashboard } from '@/lib/api/dashboard';
import { useConnections, useOperators, useSequences } from '@/lib/api/resources';
import { type SessionView, useCreateSession } from '@/lib/api/sessions';
import { choiceLabel } from '@/lib/choice-label';

/** Pick a connection (with its status), an operator and an existing or new number, then open a session. */
export function NewSessionForm({
  past,
  onCreated,
}: {
  past: SessionView[];
  onCreated: (id: string) => void;
}) {
  const conns = useConnections();
  const ops = useOperators();
  const seqs = useSequences();
  const dash = useDashboard();
  const create = useCreateSession();
  const [connectionId, setConnectionId] = useState('');
  const [operatorId, setOperatorId] = useState('');
  const [numberChoice, setNumberChoice] = useState('new');
  const [customNumber, setCustomNumber] = useState('');
  const [mode, setMode] = useState<'manual' | 'automated'>('automated');
  const [sequenceId, setSequenceId] = useState('');
  const [blockOnError, setBlockOnError] = useState(true);
  const [record, setRecord] = useState(true);

  if (conns.isPending || ops.isPending) return <Loading what="connections" />;
  if (conns.isError) return <ErrorBox error={conns.error} retry={() => conns.refetch()} />;
  if (ops.isError) return <ErrorBox error={ops.error} retry={() => ops.refetch()} />;

  const connOps = ops.data.filter((o) => o.connectionId === connectionId);
  const usedNumbers = [...new Set(past.filter((s) => s.operatorId === operatorId).map((s) => s.msisdn))];
  const health = (id: string) => dash.data?.connections.find((c) => c.id === id)?.health;
  const chosenHealth = health(connectionId);
  const msisdn =
    numberChoice === 'new' ? undefined : numberChoice === 'custom' ? customNumber.trim() : numberChoice;

  return (
    <form
      className="panel stack"
      aria-labelledby="new-session-h"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          {
            connectionId,
            operatorId,
            ...(msisdn ? { msisdn } : {}),
            mode,
            ...(sequenceId ? { sequenceId } : {}),
            blockOnError,
            record,
          },
          { onSuccess: (s) => onCreated((s as SessionView).id) },
        );
      }}
    >
      <h2 id="new-session-h">New session</h2>
      {conns.data.length === 0 ? (
        <p className="muted">No connections yet: an administrator adds them in Settings → Connections.</p>
      ) : (
        <div className="form-grid">
          <label>
            Connection
            <select
              name="connection"
              required
              value={connectionId}
              onChange={(e) => {
                setConnectionId(e.target.value);
                setOperatorId('');
              }}
            >
              <option value="">— choose —</option>
              {conns.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({health(c.id)?.colour ?? 'unknown'})
                </option>
              ))}
            </select>
          </label>
          <label>
            Operator
            <select
              name="operator"
              required
              value={operatorId}
              disabled={!connectionId}
              onChange={(e) => {
                setOperatorId(e.target.value);
                setNumberChoice('new');
              }}
            >
              <option value="">
                {connectionId && connOps.length === 0 ? 'no operators on this connection' : '— choose —'}
              </option>
              {connOps.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Number
            <select name="number" value={numberChoice} onChange={(e) => setNumberChoice(e.target.value)}>
              <option value="new">A new number</option>
              {usedNumbers.map((n) => (
                <option key={n} value={n}>
                  {n} (used before)
                </option>
              ))}
              <option value="custom">Type a number…</option>
            </select>
          </label>
          {numberChoice === 'custom' && (
            <label>
              Phone number
              <input
                name="msisdn"
                required
                pattern="\+?[0-9]{3,20}"
                value={customNumber}
                onChange={(e) => setCustomNumber(e.target.value)}
              />
            </label>
          )}
          <label>
            Mode
            <select
              name="mode"
              value={mode}
              onChange={(e) => setMode(e.target.value as 'manual' | 'automated')}
            >
              <option value="automated">Automated (runs the sequence)</option>
              <option value="manual">Manual (you advance each step)</option>
            </select>
          </label>
          <label>
            Sequence
            <select name="sequence" value={sequenceId} onChange={(e) => setSequenceId(e.target.value)}>
              <option value="">
                {mode === 'automated'
                  ? choiceLabel(seqs, '— choose —', 'no sequences yet (Settings → Sequences)')
                  : 'none (free text only)'}
              </option>
              {(seqs.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.steps.length} steps)
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={blockOnError} onChange={(e) => setBlockOnError(e.target.checked)} />
          Block on error
        </label>
        <label className="inline">
          <input type="checkbox" checked={record} onChange={(e) => setRecord(e.target.checked)} />
          Record session
        </label>
        {chosenHealth && (
          <span className="row small">
            <HealthBadge colour={chosenHealth.colour} /> <span className="muted">{chosenHealth.reason}</span>
          </span>
        )}
      </div>
      <MutationError error={create.error} />
      <div>
        <button
          type="submit"
          className="primary"
          disabled={!connectionId || !operatorId || (mode === 'automated' && !sequenceId) || create.isPending}
        >
          {create.isPending ? 'Opening…' : 'Open session'}
        </button>
      </div>
    </form>
  );
}
