'use client';

import type { NumberRange } from '@gong/core/domain/operator';
import { useState } from 'react';
import { useRemove, useSave } from '@/lib/api/crud';
import { type OperatorView, useConnections, useOperators } from '@/lib/api/resources';
import { type EntityFormProps, EntitySection } from './entity-section';
import { FormActions } from './form-actions';

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
  const connName = (id: string) => conns.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <EntitySection
      title="Operators"
      query={list}
      render={(o) => (
        <>
          <span>{o.name}</span>
          <span className="small">{connName(o.connectionId)}</span>
        </>
      )}
      empty="No operators yet. An operator is a simulated mobile network: press New and give it number ranges."
      hint="Pick an operator to edit it, or press New."
      form={(p) => (
        <OperatorForm {...p} connections={(conns.data ?? []).map((c) => ({ id: c.id, name: c.name }))} />
      )}
    />
  );
}

function OperatorForm({
  initial,
  connections,
  onSaved,
  onDeleted,
}: EntityFormProps<OperatorView> & { connections: { id: string; name: string }[] }) {
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
          { onSuccess: (o) => onSaved(o) },
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
      <FormActions
        save={save}
        remove={remove}
        saveLabel="Save operator"
        onDelete={
          initial && {
            label: `operator ${initial.name}`,
            run: () => remove.mutate(initial.id, { onSuccess: onDeleted }),
          }
        }
      />
    </form>
  );
}
