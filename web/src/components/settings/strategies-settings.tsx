'use client';

import type { Strategy, StrategySpec } from '@gong/core/domain/strategy';
import { useState } from 'react';
import { defaultSpec, StrategyEditor } from '@/components/strategy/strategy-editor';
import { StrategyPreview } from '@/components/strategy/strategy-preview';
import { MutationError } from '@/components/ui/query-state';
import { useRemove, useSave } from '@/lib/api/crud';
import { useOperators, useStrategies } from '@/lib/api/resources';
import { EntityList } from './entity-list';

export function StrategiesSettings() {
  const list = useStrategies();
  const [selected, setSelected] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  // remount the form only when the user picks another record, not when a save selects the new one
  const [formKey, setFormKey] = useState(0);
  const current = list.data?.find((s) => s.id === selected);
  return (
    <div className="grid" style={{ gridTemplateColumns: 'minmax(220px, 1fr) 3fr' }}>
      <EntityList
        title="Strategies"
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
        render={(s) => (
          <>
            <span>{s.name}</span>
            <span className="small">{s.spec.kind}</span>
          </>
        )}
        empty="No saved strategies. Press New to save a load shape you want to reuse in the stress wizard."
      />
      {creating || current ? (
        <StrategyForm
          key={formKey}
          initial={current}
          onSaved={(id) => {
            setSelected(id);
            setCreating(false);
          }}
          onDeleted={() => setSelected(undefined)}
        />
      ) : (
        <div className="state-box">Pick a strategy to edit it, or press New.</div>
      )}
    </div>
  );
}

function StrategyForm({
  initial,
  onSaved,
  onDeleted,
}: {
  initial: Strategy | undefined;
  onSaved: (id: string) => void;
  onDeleted: () => void;
}) {
  const ops = useOperators();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [spec, setSpec] = useState<StrategySpec>(initial?.spec ?? defaultSpec('balanced-growth', []));
  const [previewSec, setPreviewSec] = useState(60);
  const [previewOps, setPreviewOps] = useState(2);
  const [numbers, setNumbers] = useState(10);
  const save = useSave<Strategy>('strategies');
  const remove = useRemove('strategies');
  const allOps = ops.data ?? [];
  const customIds = spec.kind === 'custom' ? spec.operators.map((o) => o.operatorId) : [];
  const opIds = customIds.length > 0 ? customIds : allOps.slice(0, previewOps).map((o) => o.id);
  const ids = opIds.length > 0 ? opIds : Array.from({ length: previewOps }, (_, i) => `operator-${i + 1}`);
  const names = Object.fromEntries(allOps.map((o) => [o.id, o.name]));
  return (
    <form
      className="panel stack"
      aria-label="Strategy"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { id: initial?.id, data: { name, description, spec } },
          { onSuccess: (s) => onSaved(s.id) },
        );
      }}
    >
      <h2>{initial ? `Edit ${initial.name}` : 'New strategy'}</h2>
      <div className="form-grid">
        <label>
          Name
          <input required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label style={{ gridColumn: 'span 2' }}>
          Description
          <input maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
      </div>
      <div className="grid grid-2">
        <StrategyEditor
          value={spec}
          onChange={setSpec}
          operatorIds={customIds.length ? customIds : opIds}
          operatorNames={names}
        />
        <div className="stack">
          <h3>Preview</h3>
          <div className="form-grid">
            <label>
              Duration (s)
              <input
                type="number"
                min={1}
                value={previewSec}
                onChange={(e) => setPreviewSec(Number(e.target.value))}
              />
            </label>
            <label>
              Operators
              <input
                type="number"
                min={1}
                max={10}
                value={previewOps}
                onChange={(e) => setPreviewOps(Math.max(1, Number(e.target.value)))}
              />
            </label>
            <label>
              Numbers each
              <input
                type="number"
                min={1}
                value={numbers}
                onChange={(e) => setNumbers(Math.max(1, Number(e.target.value)))}
              />
            </label>
          </div>
          <StrategyPreview
            strategy={spec}
            durationSec={previewSec}
            operators={ids.map((operatorId) => ({ operatorId, numberCount: numbers }))}
            names={names}
          />
        </div>
      </div>
      <MutationError error={save.error ?? remove.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save strategy
        </button>
        {initial && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(`Delete strategy ${initial.name}?`))
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
