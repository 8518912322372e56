'use client';

import type { NumberRange } from '@gong/core/domain/operator';
import { useState } from 'react';
import { MutationError } from '@/components/ui/query-state';
import { useRemove, useSave } from '@/lib/api/crud';
import { type OperatorView, useConnections, useOperators } from '@/lib/api/resources';
import { EntityList } from './entity-list';

interface Form {
  name: string;
  connectionId: string;
  slot: number;
  bindSystemId: string;
  bindPassword: string;
  ranges: NumberRange[];
  receiptDelayMs: number;
}

const EMPTY: Form = {
  name: '',
  connectionId: '',
  slot: 0,
  bindSystemId: '',
  bindPassword: '',
  ranges: [{ prefix: '4072', from: 1000000, to: 1000999, width: 7 }],
  receiptDelayMs: 0,
};

export function OperatorsSettings() {
  const list = useOperators();
  const conns = useConnections();
  const [selected, setSelected] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  // remount the form only when the user picks another record, not when a save selects the new one
  const [formKey, setFormKey] = useState(0);
  const current = list.data?.find((o) => o.id === selected);
  const connName = (id: string) => conns.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <div className="grid" style={{ gridTemplateColumns: 'minmax(220px, 1fr) 3fr' }}>
      <EntityList
        title="Operators"
        query={list}
        selected={selected}
        onSelect={(id) => {
          setSelected(id);
          setCreating(false);
          setFormKey((k) => k + 1);
        }}
        onNew={() => {
          setSelected(undefined);
          setCreating(true);
          setFormKey((k) => k + 1);
        }}
        render={(o) => (
          <>
            <span>{o.name}</span>
            <span className="small">{connName(o.connectionId)}</span>
          </>
        )}
        empty="No operators yet. An operator is a simulated mobile network: press New and give it number ranges."
      />
      {creating || current ? (
        <OperatorForm
          key={formKey}
          initial={current}
          connections={(conns.data ?? []).map((c) => ({ id: c.id, name: c.name }))}
          onSaved={(id) => {
            setSelected(id);
            setCreating(false);
          }}
          onDeleted={() => setSelected(undefined)}
        />
      ) : (
        <div className="state-box">Pick an operator to edit it, or press New.</div>
      )}
    </div>
  );
}

function OperatorForm({
  initial,
  connections,
  onSaved,
  onDeleted,
}: {
  initial: OperatorView | undefined;
  connections: { id: string; name: string }[];
  onSaved: (id: string) => void;
  onDeleted: () => void;
}) {
  const [f, setF] = useState<Form>(
    initial
      ? {
          name: initial.name,
          connectionId: initial.connectionId,
          slot: initial.slot,
          bindSystemId: initial.bindSystemId,
          bindPassword: '',
          ranges: initial.numberRanges,
          receiptDelayMs: initial.receipts.delayMs,
        }
      : { ...EMPTY, connectionId: connections[0]?.id ?? '' },
  );
  const save = useSave<OperatorView>('operators');
  const remove = useRemove('operators');
  const setRange = (i: number, patch: Partial<NumberRange>) =>
    setF({ ...f, ranges: f.ranges.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <form
      className="panel stack"
      aria-label="Operator"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            id: initial?.id,
            data: {
              name: f.name,
              connectionId: f.connectionId,
              slot: f.slot,
              bindSystemId: f.bindSystemId,
              ...(f.bindPassword ? { bindPassword: f.bindPassword } : {}),
              numberRanges: f.ranges,
              receipts: {
                delayMs: f.receiptDelayMs,
                statusMix: initial?.receipts.statusMix ?? { DELIVRD: 1 },
              },
            },
          },
          { onSuccess: (o) => onSaved(o.id) },
        );
      }}
    >
      <h2>{initial ? `Edit ${initial.name}` : 'New operator'}</h2>
      {connections.length === 0 && (
        <p className="alert">Create a connection first: operators are reached through one.</p>
      )}
      <div className="form-grid">
        <label>
          Name
          <input
            required
            maxLength={80}
            value={f.name}
            onChange={(e) => setF({ ...f, name: e.target.value })}
          />
        </label>
        <label>
          Connection
          <select
            required
            value={f.connectionId}
            onChange={(e) => setF({ ...f, connectionId: e.target.value })}
          >
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Worker slot
          <input
            type="number"
            min={0}
            max={999}
            value={f.slot}
            onChange={(e) => setF({ ...f, slot: Number(e.target.value) })}
          />
        </label>
        <label>
          Bind system_id (≤ 15)
          <input
            required
            maxLength={15}
            value={f.bindSystemId}
            onChange={(e) => setF({ ...f, bindSystemId: e.target.value })}
          />
        </label>
        <label>
          Bind password (≤ 16)
          <input
            type="password"
            maxLength={16}
            autoComplete="new-password"
            required={!initial}
            placeholder={initial?.hasBindPassword ? 'unchanged' : ''}
            value={f.bindPassword}
            onChange={(e) => setF({ ...f, bindPassword: e.target.value })}
          />
        </label>
        <label>
          Delivery receipt delay (ms)
          <input
            type="number"
            min={0}
            value={f.receiptDelayMs}
            onChange={(e) => setF({ ...f, receiptDelayMs: Number(e.target.value) })}
          />
        </label>
      </div>
      <fieldset>
        <legend>Number ranges</legend>
        <table>
          <thead>
            <tr>
              <th>Prefix</th>
              <th>From</th>
              <th>To</th>
              <th>Digits after prefix</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {f.ranges.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity of their own
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Range ${i + 1} prefix`}
                    value={r.prefix}
                    onChange={(e) => setRange(i, { prefix: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Range ${i + 1} from`}
                    type="number"
                    min={0}
                    value={r.from}
                    onChange={(e) => setRange(i, { from: Number(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Range ${i + 1} to`}
                    type="number"
                    min={0}
                    value={r.to}
                    onChange={(e) => setRange(i, { to: Number(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Range ${i + 1} width`}
                    type="number"
                    min={1}
                    max={15}
                    value={r.width}
                    onChange={(e) => setRange(i, { width: Number(e.target.value) })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    disabled={f.ranges.length <= 1}
                    onClick={() => setF({ ...f, ranges: f.ranges.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => setF({ ...f, ranges: [...f.ranges, { prefix: '', from: 0, to: 999, width: 3 }] })}
        >
          Add range
        </button>
        <p className="muted small">
          e.g. prefix 4072, from 1000000 to 1000999, 7 digits → 40721000000 … 40721000999.
        </p>
      </fieldset>
      <MutationError error={save.error ?? remove.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save operator
        </button>
        {initial && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(`Delete operator ${initial.name}?`))
                remove.mutate(initial.id, { onSuccess: onDeleted });
            }}
          >
            Delete
          </button>
        )}
        {save.isSuccess && (
          <span className="ok" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
