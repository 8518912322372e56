'use client';

import { MutationError } from '@/components/ui/query-state';

/**
 * The foot of a settings editor: what is still wrong, the last API error, Save, Delete (after a
 * confirmation) and "Saved.".
 */
export function FormActions({
  save,
  remove,
  saveLabel,
  problems = [],
  disabled = false,
  onDelete,
}: {
  save: { error: Error | null; isPending: boolean; isSuccess: boolean };
  remove: { error: Error | null; isPending: boolean };
  saveLabel: string;
  /** validation messages: while there are any, Save is off */
  problems?: string[];
  /** Save is off for another reason the form shows itself */
  disabled?: boolean;
  /** present for a stored record: asks "Delete …?" with this label, then deletes */
  onDelete?: { label: string; run: () => void } | undefined;
}) {
  return (
    <>
      {problems.length > 0 && (
        <ul className="field-error" aria-live="polite">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <MutationError error={save.error ?? remove.error} />
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={save.isPending || disabled || problems.length > 0}
        >
          {save.isPending ? 'Saving…' : saveLabel}
        </button>
        {onDelete && (
          <button
            type="button"
            className="danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete ${onDelete.label}?`)) onDelete.run();
            }}
          >
            Delete
          </button>
        )}
        {save.isSuccess && (
          <span className="ok" role="status">
            Saved.
          </span>
        )}
      </div>
    </>
  );
}
