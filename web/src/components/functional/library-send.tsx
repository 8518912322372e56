'use client';

import { useState } from 'react';
import { useLibrary } from '@/lib/api/resources';
import { useSend } from '@/lib/api/sessions';
import { choiceLabel } from '@/lib/choice-label';
import { libraryCheck } from '@/lib/library-check';

/** Send a test-library service check: its input command, judged against its output patterns. */
export function LibrarySend({ sessionId, disabled }: { sessionId: string; disabled: boolean }) {
  const library = useLibrary();
  const send = useSend(sessionId);
  const [entryId, setEntryId] = useState('');
  const entry = library.data?.find((e) => e.id === entryId);
  const check = entry ? libraryCheck(entry) : undefined;
  return (
    <form
      className="row"
      aria-label="Send a library check"
      onSubmit={(e) => {
        e.preventDefault();
        if (!entry || !check?.ok) return;
        send.mutate({ text: entry.input.text, encoding: entry.input.encoding, expect: check.expect });
      }}
    >
      <label>
        Library check
        <select value={entryId} onChange={(e) => setEntryId(e.target.value)} disabled={!library.data}>
          <option value="">
            {choiceLabel(library, '— pick a service —', 'library is empty (see Test library)')}
          </option>
          {(library.data ?? []).map((e) => (
            <option key={e.id} value={e.id}>
              {e.serviceName} ({e.input.text})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={disabled || !check?.ok || send.isPending} style={{ alignSelf: 'end' }}>
        Send check
      </button>
      {check && !check.ok && <span className="bad small">{check.reason}</span>}
      {send.error && (
        <span className="bad small" role="alert">
          {send.error.message}
        </span>
      )}
    </form>
  );
}
