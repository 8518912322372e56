'use client';

import type { Expectation } from '@gong/core/domain/expectation';
import type { LibraryEntry } from '@gong/core/domain/sequence';
import { useState } from 'react';
import { useLibrary } from '@/lib/api/resources';
import { choiceLabel } from '@/lib/choice-label';
import { libraryCheck } from '@/lib/library-check';

/** Pick a test-library service check and add it as a step: its command, expecting all its patterns. */
export function AddFromLibrary({ onAdd }: { onAdd: (entry: LibraryEntry, expect: Expectation) => void }) {
  const library = useLibrary();
  const [entryId, setEntryId] = useState('');
  const entry = library.data?.find((e) => e.id === entryId);
  const check = entry ? libraryCheck(entry) : undefined;
  return (
    <div className="row">
      <label>
        Step from the test library
        <select value={entryId} onChange={(e) => setEntryId(e.target.value)}>
          <option value="">{choiceLabel(library, '— pick a service —', 'the test library is empty')}</option>
          {(library.data ?? []).map((e) => (
            <option key={e.id} value={e.id}>
              {e.serviceName} ({e.input.text})
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={!entry || !check?.ok}
        style={{ alignSelf: 'end' }}
        onClick={() => {
          if (entry && check?.ok) onAdd(entry, check.expect);
          setEntryId('');
        }}
      >
        Add library step
      </button>
      {check && !check.ok && <span className="bad small">{check.reason}</span>}
    </div>
  );
}
