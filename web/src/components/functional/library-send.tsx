'use client';

import { LibrarySelect, useLibraryChoice } from '@/components/ui/library-select';
import { useSend } from '@/lib/api/sessions';

/** Send a test-library service check: its input command, judged against its output patterns. */
export function LibrarySend({ sessionId, disabled }: { sessionId: string; disabled: boolean }) {
  const choice = useLibraryChoice();
  const { entry, check } = choice;
  const send = useSend(sessionId);
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
      <LibrarySelect choice={choice} label="Library check" empty="library is empty (see Test library)" />
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
