'use client';

import type { Expectation } from '@gong/core/domain/expectation';
import type { LibraryEntry } from '@gong/core/domain/sequence';
import { LibrarySelect, useLibraryChoice } from '@/components/ui/library-select';

/** Pick a test-library service check and add it as a step: its command, expecting all its patterns. */
export function AddFromLibrary({ onAdd }: { onAdd: (entry: LibraryEntry, expect: Expectation) => void }) {
  const choice = useLibraryChoice();
  const { entry, check } = choice;
  return (
    <div className="row">
      <LibrarySelect choice={choice} label="Step from the test library" empty="the test library is empty" />
      <button
        type="button"
        disabled={!entry || !check?.ok}
        style={{ alignSelf: 'end' }}
        onClick={() => {
          if (entry && check?.ok) onAdd(entry, check.expect);
          choice.setEntryId('');
        }}
      >
        Add library step
      </button>
      {check && !check.ok && <span className="bad small">{check.reason}</span>}
    </div>
  );
}
