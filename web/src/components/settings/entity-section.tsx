'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, type ReactNode, useState } from 'react';
import { EntityList } from './entity-list';

/** What every settings editor gets: the record (absent when new) and what to do after a save or delete. */
export interface EntityFormProps<T> {
  initial: T | undefined;
  /** with the record as the API returned it */
  onSaved: (saved: T) => void;
  onDeleted: () => void;
}

/**
 * A settings section: the list of records on the left, the editor of the picked one (or of a new one) on
 * the right, and a hint while nothing is picked. The editor is remounted only when the user picks another
 * record or presses New, not when a save selects the record it just created.
 */
export function EntitySection<T extends { id: string }>({
  title,
  query,
  render,
  empty,
  hint,
  canCreate = true,
  form,
  below,
}: {
  title: string;
  query: UseQueryResult<T[]>;
  render: (item: T) => ReactNode;
  empty: ReactNode;
  /** shown on the right while no record is picked */
  hint: ReactNode;
  /** false hides the New button (read-only users) */
  canCreate?: boolean;
  form: (props: EntityFormProps<T>) => ReactNode;
  /** more about the picked record, under its editor */
  below?: (current: T) => ReactNode;
}) {
  const [selected, setSelected] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [formKey, setFormKey] = useState(0);
  // the record just saved, until the refetched list has it: without it the editor unmounted for that
  // moment and came back as a new instance, losing its "Saved." (seen once in CI's keyboard test)
  const [justSaved, setJustSaved] = useState<T | undefined>();
  const current =
    query.data?.find((x) => x.id === selected) ?? (justSaved?.id === selected ? justSaved : undefined);
  const pick = (id: string | undefined, isNew: boolean) => {
    setSelected(id);
    setCreating(isNew);
    setFormKey((k) => k + 1);
  };
  return (
    <div className="grid" style={{ gridTemplateColumns: 'minmax(220px, 1fr) 3fr' }}>
      <EntityList
        title={title}
        query={query}
        selected={selected}
        onSelect={(id) => pick(id, false)}
        onNew={canCreate ? () => pick(undefined, true) : undefined}
        render={render}
        empty={empty}
      />
      {creating || current ? (
        <div className="stack">
          <Fragment key={formKey}>
            {form({
              initial: current,
              onSaved: (saved) => {
                setJustSaved(saved);
                setSelected(saved.id);
                setCreating(false);
              },
              onDeleted: () => setSelected(undefined),
            })}
          </Fragment>
          {current && below?.(current)}
        </div>
      ) : (
        <div className="state-box" style={{ alignSelf: 'start' }}>
          {hint}
        </div>
      )}
    </div>
  );
}
