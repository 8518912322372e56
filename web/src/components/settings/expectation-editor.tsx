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

/** What a paired step expects back, with a live tester: type a sample reply and see if it matches. */
export function ExpectationEditor({
  value,
  onChange,
}: {
  value: Expectation;
  onChange: (e: Expectation) => void;
}) {
  const id = useId();
  const [sample, setSample] = useState('');
  const error = value.kind === 'regex' ? regexError(value.pattern, value.flags) : undefined;
  const verdict = !error && sample !== '' ? matches(value, sample) : undefined;
  return (
    <div className="form-grid">
      <label htmlFor={`${id}-kind`}>
        Expect
        <select
          id={`${id}-kind`}
          value={value.kind}
          onChange={(e) => {
            const k = e.target.value as Expectation['kind'];
            const text = 'text' in value ? value.text : 'pattern' in value ? value.pattern : '';
            if (k === 'exact' || k === 'contains') onChange({ kind: k, text });
            else if (k === 'regex') onChange({ kind: 'regex', pattern: text || '.*', flags: '' });
            else onChange({ kind: k });
          }}
        >
          <option value="exact">exactly this text</option>
          <option value="contains">text containing</option>
          <option value="regex">text matching a regex</option>
          <option value="any">any reply</option>
          <option value="none">no reply</option>
        </select>
      </label>
      {(value.kind === 'exact' || value.kind === 'contains') && (
        <label htmlFor={`${id}-text`}>
          Expected text
          <input
            id={`${id}-text`}
            value={value.text}
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
