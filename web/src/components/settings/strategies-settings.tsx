'use client';

import type { Strategy, StrategySpec } from '@gong/core/domain/strategy';
import { useState } from 'react';
import { defaultSpec, StrategyEditor } from '@/components/strategy/strategy-editor';
import { StrategyPreview } from '@/components/strategy/strategy-preview';
import { useRemove, useSave } from '@/lib/api/crud';
import { useOperators, useStrategies } from '@/lib/api/resources';
import { type EntityFormProps, EntitySection } from './entity-section';
import { FormActions } from './form-actions';

export function StrategiesSettings() {
  const list = useStrategies();
  return (
    <EntitySection
      title="Strategies"
      query={list}
      render={(s) => (
        <>
          <span>{s.name}</span>
          <span className="small">{s.spec.kind}</span>
        </>
      )}
      empty="No saved strategies. Press New to save a load shape you want to reuse in the stress wizard."
      hint="Pick a strategy to edit it, or press New."
      form={(p) => <StrategyForm {...p} />}
    />
  );
}

function StrategyForm({ initial, onSaved, onDeleted }: EntityFormProps<Strategy>) {
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
        save.mutate({ id: initial?.id, data: { name, description, spec } }, { onSuccess: (s) => onSaved(s) });
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
      <FormActions
        save={save}
        remove={remove}
        saveLabel="Save strategy"
        onDelete={
          initial && {
            label: `strategy ${initial.name}`,
            run: () => remove.mutate(initial.id, { onSuccess: onDeleted }),
          }
        }
      />
    </form>
  );
}
