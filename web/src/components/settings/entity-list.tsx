'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryState } from '@/components/ui/query-state';

/** The left column of a settings section: records with edit buttons, and a "new" button. */
export function EntityList<T extends { id: string }>({
  title,
  query,
  selected,
  onSelect,
  onNew,
  render,
  empty,
}: {
  title: string;
  query: UseQueryResult<T[]>;
  selected: string | undefined;
  onSelect: (id: string) => void;
  /** absent: no New button (the user may not create) */
  onNew?: (() => void) | undefined;
  render: (item: T) => ReactNode;
  empty: ReactNode;
}) {
  return (
    <section className="panel" aria-label={title}>
      <div className="spread">
        <h2>{title}</h2>
        {onNew && (
          <button type="button" className="primary" onClick={onNew}>
            New
          </button>
        )}
      </div>
      <QueryState query={query} what={title.toLowerCase()} empty={empty}>
        {(items) => (
          <ul className="steps">
            {items.map((it) => (
              <li key={it.id}>
                <button
                  type="button"
                  style={{ width: '100%', justifyContent: 'space-between' }}
                  aria-pressed={selected === it.id}
                  className={selected === it.id ? 'primary' : undefined}
                  onClick={() => onSelect(it.id)}
                >
                  {render(it)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
