'use client';

import type { Expectation } from '@gong/core/domain/expectation';
import type { Encoding } from '@gong/core/domain/message';
import type { Sequence, Step } from '@gong/core/domain/sequence';
import { useState } from 'react';
import { EncodingSelect } from '@/components/ui/encoding-select';
import { useRemove, useSave } from '@/lib/api/crud';
import { useSequences } from '@/lib/api/resources';
import { AddFromLibrary } from './add-from-library';
import { type EntityFormProps, EntitySection } from './entity-section';
import { ExpectationEditor } from './expectation-editor';
import { FormActions } from './form-actions';

type StepDraft = Pick<Step, 'id' | 'timeoutMs' | 'thinkMs' | 'libraryId'> & {
  text: string;
  encoding: Encoding;
  paired: boolean;
  expect: Expectation;
};

let counter = 0;
function stepId(): string {
  counter += 1;
  return `st${Date.now().toString(36)}${counter.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

function newStep(paired: boolean): StepDraft {
  return {
    id: stepId(),
    text: '',
    encoding: 'auto',
    paired,
    expect: paired ? { kind: 'exact', text: '' } : { kind: 'any' },
    timeoutMs: 10_000,
    thinkMs: 0,
  };
}

function fromStep(s: Step): StepDraft {
  return {
    id: s.id,
    text: s.message.text,
    encoding: s.message.encoding,
    paired: s.expect.kind !== 'any',
    expect: s.expect,
    timeoutMs: s.timeoutMs,
    thinkMs: s.thinkMs,
    ...(s.libraryId ? { libraryId: s.libraryId } : {}),
  };
}

function toStep(d: StepDraft) {
  return {
    id: d.id,
    message: { text: d.text, encoding: d.encoding },
    expect: d.paired ? d.expect : { kind: 'any' as const },
    timeoutMs: d.timeoutMs,
    thinkMs: d.thinkMs,
    ...(d.libraryId ? { libraryId: d.libraryId } : {}),
  };
}

export function SequencesSettings() {
  const list = useSequences();
  return (
    <EntitySection
      title="Sequences"
      query={list}
      render={(s) => (
        <>
          <span>{s.name}</span>
          <span className="small">
            {s.steps.length} {s.steps.length === 1 ? 'step' : 'steps'}
          </span>
        </>
      )}
      empty="No sequences yet. Press New to build one: a list of messages, each optionally paired with the answer you expect."
      hint="Pick a sequence to edit it, or press New."
      form={(p) => <SequenceBuilder {...p} />}
    />
  );
}

function SequenceBuilder({ initial, onSaved, onDeleted }: EntityFormProps<Sequence>) {
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [steps, setSteps] = useState<StepDraft[]>(initial ? initial.steps.map(fromStep) : [newStep(true)]);
  const [dragging, setDragging] = useState<number | undefined>();
  const [over, setOver] = useState<number | undefined>();
  const [announce, setAnnounce] = useState('');
  const save = useSave<Sequence>('sequences');
  const remove = useRemove('sequences');

  const set = (i: number, patch: Partial<StepDraft>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  function move(from: number, to: number) {
    if (to < 0 || to >= steps.length || from === to) return;
    const next = [...steps];
    const [item] = next.splice(from, 1);
    if (!item) return;
    next.splice(to, 0, item);
    setSteps(next);
    setAnnounce(`Step moved to position ${to + 1} of ${next.length}`);
  }
  const problems = [
    !name.trim() && 'Give the sequence a name.',
    steps.length === 0 && 'Add at least one step.',
    steps.some((s) => !s.text.trim()) && 'Every step needs a message text.',
    ...steps.map(
      (s, i) =>
        s.paired &&
        ((s.expect.kind === 'exact' && !s.expect.text) || (s.expect.kind === 'contains' && !s.expect.text)) &&
        `Step ${i + 1}: enter the expected text, or untick Paired.`,
    ),
    ...steps.map(
      (s, i) =>
        s.paired && s.expect.kind === 'regex' && !s.expect.pattern && `Step ${i + 1}: enter a pattern.`,
    ),
  ].filter(Boolean) as string[];

  return (
    <form
      className="panel stack"
      aria-label="Sequence builder"
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length > 0) return;
        save.mutate(
          { id: initial?.id, data: { name, description, steps: steps.map(toStep) } },
          { onSuccess: (s) => onSaved(s) },
        );
      }}
    >
      <h2>{initial ? `Edit ${initial.name}` : 'New sequence'}</h2>
      <div className="form-grid">
        <label>
          Sequence name
          <input
            name="sequenceName"
            required
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label style={{ gridColumn: 'span 2' }}>
          Description
          <input maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
      </div>
      <p className="muted small">
        Drag a step by its handle to reorder it, or focus the handle and use the arrow keys (or the Up / Down
        buttons).
      </p>
      <span className="sr-only" aria-live="assertive" style={{ position: 'absolute', left: -9999 }}>
        {announce}
      </span>
      <ol className="steps" data-testid="steps">
        {steps.map((s, i) => (
          <li
            key={s.id}
            className={`step-card${dragging === i ? ' dragging' : ''}${over === i && dragging !== i ? ' drop-target' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(i);
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== undefined) move(dragging, i);
              setDragging(undefined);
              setOver(undefined);
            }}
            data-testid="step"
          >
            <button
              type="button"
              className="handle link"
              draggable
              aria-label={`Step ${i + 1}: drag, or use arrow keys, to reorder`}
              onDragStart={(e) => {
                setDragging(i);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', String(i));
              }}
              onDragEnd={() => {
                setDragging(undefined);
                setOver(undefined);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowUp') {
                  e.preventDefault();
                  move(i, i - 1);
                } else if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  move(i, i + 1);
                }
              }}
            >
              ⠿ {i + 1}
            </button>
            <div className="stack" style={{ gap: 8 }}>
              <div className="form-grid">
                <label style={{ gridColumn: 'span 2' }}>
                  Message {i + 1}
                  <input
                    name={`step-${i}-text`}
                    value={s.text}
                    placeholder="e.g. BAL"
                    onChange={(e) => set(i, { text: e.target.value })}
                  />
                </label>
                <EncodingSelect value={s.encoding} onChange={(encoding) => set(i, { encoding })} />
                <label>
                  Reply timeout (ms)
                  <input
                    type="number"
                    min={100}
                    value={s.timeoutMs}
                    onChange={(e) => set(i, { timeoutMs: Number(e.target.value) })}
                  />
                </label>
                <label>
                  Pause after (ms)
                  <input
                    type="number"
                    min={0}
                    value={s.thinkMs}
                    onChange={(e) => set(i, { thinkMs: Number(e.target.value) })}
                  />
                </label>
              </div>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={s.paired}
                  onChange={(e) =>
                    set(i, {
                      paired: e.target.checked,
                      expect:
                        e.target.checked && s.expect.kind === 'any' ? { kind: 'exact', text: '' } : s.expect,
                    })
                  }
                />
                Paired: check the reply
              </label>
              {s.paired && <ExpectationEditor value={s.expect} onChange={(expect) => set(i, { expect })} />}
            </div>
            <div className="stack" style={{ gap: 4 }}>
              <button
                type="button"
                onClick={() => move(i, i - 1)}
                disabled={i === 0}
                aria-label={`Move step ${i + 1} up`}
              >
                Up
              </button>
              <button
                type="button"
                onClick={() => move(i, i + 1)}
                disabled={i === steps.length - 1}
                aria-label={`Move step ${i + 1} down`}
              >
                Down
              </button>
              <button
                type="button"
                onClick={() => setSteps(steps.filter((_, j) => j !== i))}
                aria-label={`Remove step ${i + 1}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="button" onClick={() => setSteps([...steps, newStep(false)])}>
          Add simple step
        </button>
        <button type="button" onClick={() => setSteps([...steps, newStep(true)])}>
          Add paired step
        </button>
      </div>
      <AddFromLibrary
        onAdd={(entry, expect) =>
          setSteps([
            ...steps,
            {
              ...newStep(expect.kind !== 'any'),
              text: entry.input.text,
              encoding: entry.input.encoding,
              expect,
              libraryId: entry.id,
            },
          ])
        }
      />
      <FormActions
        save={save}
        remove={remove}
        saveLabel="Save sequence"
        problems={problems}
        onDelete={
          initial && {
            label: `sequence ${initial.name}`,
            run: () => remove.mutate(initial.id, { onSuccess: onDeleted }),
          }
        }
      />
    </form>
  );
}
