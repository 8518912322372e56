'use client';

import { useState } from 'react';
import { useLibrary } from '@/lib/api/resources';
import { choiceLabel } from '@/lib/choice-label';
import { libraryCheck } from '@/lib/library-check';

/** A test-library entry being picked, and the one expectation its patterns make (or why they cannot). */
export function useLibraryChoice() {
  const library = useLibrary();
  const [entryId, setEntryId] = useState('');
  const entry = library.data?.find((e) => e.id === entryId);
  return { library, entryId, setEntryId, entry, check: entry ? libraryCheck(entry) : undefined };
}

/** The labelled select of test-library entries, saying when the library loads, fails or is empty. */
export function LibrarySelect({
  choice,
  label,
  empty,
}: {
  choice: ReturnType<typeof useLibraryChoice>;
  label: string;
  empty: string;
}) {
  const { library } = choice;
  return (
    <label>
      {label}
      <select value={choice.entryId} onChange={(e) => choice.setEntryId(e.target.value)}>
        <option value="">{choiceLabel(library, '— pick a service —', empty)}</option>
        {(library.data ?? []).map((e) => (
          <option key={e.id} value={e.id}>
            {e.serviceName} ({e.input.text})
          </option>
        ))}
      </select>
    </label>
  );
}
