'use client';

import { type Expectation, matches } from '@gong/core/domain/expectation';
import { useId, useState } from 'react';

function regexError(pattern: string, flags: string): string | undefined {
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : 'invalid regular expression';
  }
}

const KIND_LABELS: Record<Expectation['kind'], string> = {
  exact: 'exactly this text',
  contains: 'text containing',
  regex: 'text matching a regex',
  any: 'any reply',
  none: 'no reply',
};
const ALL_KINDS = Object.keys(KIND_LABELS) as Expectation['kind'][];

/**
 * What a paired step expects back, with a live tester: type a sample reply and see if it matches.
 * `readOnly` locks the expectation but keeps the tester usable.
 */
export function ExpectationEditor({
  value,
  onChange,
  kinds = ALL_KINDS,
  readOnly = false,
  label = 'Expect',
}: {
  value: Expectation;
  onChange: (e: Expectation) => void;
  /** the kinds offered (default: all) */
  kinds?: readonly Expectation['kind'][];
  readOnly?: boolean;
  label?: string;
}) {
  const id = useId();
  const [sample, setSample] = useState('');
  const error = value.kind === 'regex' ? regexError(value.pattern, value.flags) : undefined;
  const verdict = !error && sample !== '' ? matches(value, sample) : undefined;
  return (
    <div className="form-grid">
      <label htmlFor={`${id}-kind`}>
        {label}
        <select
          id={`${id}-kind`}
          value={value.kind}
          disabled={readOnly}
          onChange={(e) => {
            const k = e.target.value as Expectation['kind'];
            const text = 'text' in value ? value.text : 'pattern' in value ? value.pattern : '';
            if (k === 'exact' || k === 'contains') onChange({ kind: k, text });
            else if (k === 'regex') onChange({ kind: 'regex', pattern: text || '.*', flags: '' });
            else onChange({ kind: k });
          }}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {(value.kind === 'exact' || value.kind === 'contains') && (
        <label htmlFor={`${id}-text`}>
          Expected text
          <input
            id={`${id}-text`}
            value={value.text}
            readOnly={readOnly}
            onChange={(e) => onChange({ ...value, text: e.target.value })}
          />
        </label>
      )}
      {value.kind === 'regex' && (
        <>
          <label htmlFor={`${id}-re`}>
            Pattern
            <input
              id={`${id}-re`}
              className="mono"
              value={value.pattern}
              readOnly={readOnly}
              aria-invalid={Boolean(error)}
              onChange={(e) => onChange({ ...value, pattern: e.target.value })}
            />
            {error && <span className="field-error">{error}</span>}
          </label>
          <label htmlFor={`${id}-fl`}>
            Flags (i, m, s, u)
            <input
              id={`${id}-fl`}
              value={value.flags}
              readOnly={readOnly}
              pattern="[imsu]*"
              onChange={(e) => onChange({ ...value, flags: e.target.value.replace(/[^imsu]/g, '') })}
            />
          </label>
        </>
      )}
      {value.kind !== 'any' && value.kind !== 'none' && (
        <label htmlFor={`${id}-try`}>
          Try a reply
          <input
            id={`${id}-try`}
            value={sample}
            placeholder="type a sample reply"
            onChange={(e) => setSample(e.target.value)}
          />
          <span
            aria-live="polite"
            className={verdict === undefined ? 'muted small' : verdict ? 'ok small' : 'bad small'}
          >
            {verdict === undefined ? ' ' : verdict ? '✓ matches' : '✗ does not match'}
          </span>
        </label>
      )}
    </div>
  );
}
