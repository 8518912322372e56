'use client';

import { describeExpectation, type Expectation } from '@gong/core/domain/expectation';
import type { Encoding } from '@gong/core/domain/message';
import type { LibraryEntry } from '@gong/core/domain/sequence';
import { useState } from 'react';
import { useMe } from '@/components/shell/me';
import { EncodingSelect } from '@/components/ui/encoding-select';
import { useRemove, useSave } from '@/lib/api/crud';
import { useLibrary } from '@/lib/api/resources';
import { libraryCheck, PATTERN_KINDS } from '@/lib/library-check';
import { type EntityFormProps, EntitySection } from './entity-section';
import { ExpectationEditor } from './expectation-editor';
import { FormActions } from './form-actions';

/** Test library: named service checks (input command, expected output patterns) testers reuse. */
export function LibrarySettings() {
  const list = useLibrary();
  const me = useMe();
  const canWrite = me.can('tester') || me.can('admin');
  return (
    <EntitySection
      title="Test library"
      query={list}
      canCreate={canWrite}
      render={(e) => (
        <>
          <span>{e.serviceName}</span>
          <span className="small mono">{e.input.text}</span>
        </>
      )}
      empty={
        canWrite
          ? 'The library is empty. Press New to describe a service check: the command to send and the reply patterns it must match.'
          : 'The library is empty. Testers and administrators can add service checks here.'
      }
      hint={
        canWrite
          ? 'Pick a service check to edit it, or press New. In Functional testing, a session can send any check from here.'
          : 'Pick a service check to see what it sends and expects. Your role may read the library, not change it.'
      }
      form={(p) => <LibraryForm {...p} readOnly={!canWrite} />}
    />
  );
}

function LibraryForm({
  initial,
  onSaved,
  onDeleted,
  readOnly,
}: EntityFormProps<LibraryEntry> & { readOnly: boolean }) {
  const [serviceName, setServiceName] = useState(initial?.serviceName ?? '');
  const [text, setText] = useState(initial?.input.text ?? '');
  const [encoding, setEncoding] = useState<Encoding>(initial?.input.encoding ?? 'auto');
  const [checkOutput, setCheckOutput] = useState(initial?.checkOutput ?? true);
  const [patterns, setPatterns] = useState<Expectation[]>(
    initial?.expectedPatterns ?? [{ kind: 'contains', text: '' }],
  );
  const save = useSave<LibraryEntry>('library');
  const remove = useRemove('library');
  const check = libraryCheck({ expectedPatterns: patterns, checkOutput });
  const problems = [
    !serviceName.trim() && 'Give the service a name.',
    !text.trim() && 'Enter the input command to send.',
    checkOutput && patterns.length === 0 && 'Add a pattern, or untick "Check the output".',
    ...patterns.map((p, i) => patternProblem(p, i + 1)),
    checkOutput && !check.ok && `The patterns cannot be checked together: ${check.reason}.`,
  ].filter(Boolean) as string[];
  const setPattern = (i: number, p: Expectation) => setPatterns(patterns.map((x, j) => (j === i ? p : x)));

  return (
    <form
      className="panel stack"
      aria-label="Library entry"
      onSubmit={(e) => {
        e.preventDefault();
        if (readOnly || problems.length > 0) return;
        save.mutate(
          {
            id: initial?.id,
            data: {
              serviceName: serviceName.trim(),
              input: { text, encoding, segmentation: initial?.input.segmentation ?? 'udh8' },
              expectedPatterns: patterns,
              checkOutput,
            },
          },
          { onSuccess: (s) => onSaved(s) },
        );
      }}
    >
      <h2>
        {initial ? (readOnly ? initial.serviceName : `Edit ${initial.serviceName}`) : 'New service check'}
      </h2>
      {readOnly && (
        <p className="muted small" data-testid="library-read-only">
          Read only: testers and administrators can change the library.
        </p>
      )}
      <div className="form-grid">
        <label>
          Service name
          <input
            required
            maxLength={120}
            readOnly={readOnly}
            value={serviceName}
            onChange={(e) => setServiceName(e.target.value)}
            placeholder="e.g. Balance"
          />
        </label>
        <label>
          Input command
          <input
            required
            className="mono"
            maxLength={10_000}
            readOnly={readOnly}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. BAL"
          />
        </label>
        <EncodingSelect value={encoding} onChange={setEncoding} disabled={readOnly} />
      </div>
      <label className="inline">
        <input
          type="checkbox"
          checked={checkOutput}
          disabled={readOnly}
          onChange={(e) => setCheckOutput(e.target.checked)}
        />
        Check the output (the reply must match every pattern below)
      </label>
      <fieldset disabled={!checkOutput} aria-label="Output data patterns">
        <legend>Output data patterns</legend>
        <ol className="steps">
          {patterns.map((p, i) => (
            // patterns have no id; their position is their identity while editing
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i} className="stack">
              <ExpectationEditor
                value={p}
                onChange={(next) => setPattern(i, next)}
                kinds={PATTERN_KINDS}
                readOnly={readOnly}
                label={`Pattern ${i + 1}`}
              />
              {!readOnly && (
                <div>
                  <button
                    type="button"
                    onClick={() => setPatterns(patterns.filter((_, j) => j !== i))}
                    aria-label={`Remove pattern ${i + 1}`}
                  >
                    Remove
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
        {!readOnly && (
          <div style={{ marginTop: 12 }}>
            <button type="button" onClick={() => setPatterns([...patterns, { kind: 'contains', text: '' }])}>
              Add pattern
            </button>
          </div>
        )}
      </fieldset>
      {check.ok && (
        <p className="muted small" data-testid="library-check">
          Functional sessions send <code>{text || '…'}</code> and expect{' '}
          {checkOutput && patterns.length > 1
            ? `a reply that matches all ${patterns.length} patterns`
            : describeExpectation(check.expect)}
          .
        </p>
      )}
      {!readOnly && (
        <FormActions
          save={save}
          remove={remove}
          saveLabel="Save service check"
          problems={problems}
          onDelete={
            initial && {
              label: `service check ${initial.serviceName}`,
              run: () => remove.mutate(initial.id, { onSuccess: onDeleted }),
            }
          }
        />
      )}
    </form>
  );
}

function patternProblem(p: Expectation, n: number): string | false {
  if (p.kind === 'contains' && !p.text) return `Pattern ${n}: enter the text the reply must contain.`;
  if (p.kind === 'regex' && !p.pattern) return `Pattern ${n}: enter a regular expression.`;
  if (p.kind === 'regex') {
    try {
      new RegExp(p.pattern, p.flags);
    } catch {
      return `Pattern ${n}: the regular expression is not valid.`;
    }
  }
  return false;
}
