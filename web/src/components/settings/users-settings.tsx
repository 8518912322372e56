'use client';

import type { PublicUser, Role } from '@gong/core/domain/user';
import { useState } from 'react';
import { useRemove, useSave } from '@/lib/api/crud';
import { useUsers } from '@/lib/api/resources';
import { type EntityFormProps, EntitySection } from './entity-section';
import { FormActions } from './form-actions';

// core's ROLES lives next to code that needs node:crypto; the browser bundle takes the list from here.
const ROLES: readonly Role[] = ['admin', 'stress', 'tester', 'viewer'];

const ROLE_HELP: Record<Role, string> = {
  admin: 'settings and users',
  stress: 'may run stress tests',
  tester: 'functional tests',
  viewer: 'read only',
};

export function UsersSettings() {
  const list = useUsers();
  return (
    <EntitySection
      title="Users"
      query={list}
      render={(u) => (
        <>
          <span>{u.name}</span>
          <span className="small">{u.roles.join(', ')}</span>
        </>
      )}
      empty="No users. Press New to invite a colleague."
      hint="Pick a user to change their roles, or press New."
      form={(p) => <UserForm {...p} />}
    />
  );
}

function UserForm({ initial, onSaved, onDeleted }: EntityFormProps<PublicUser>) {
  const [email, setEmail] = useState(initial?.email ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [roles, setRoles] = useState<Role[]>(initial?.roles ?? ['viewer']);
  const [password, setPassword] = useState('');
  const [disabled, setDisabled] = useState(initial?.disabled ?? false);
  const save = useSave<PublicUser>('users');
  const remove = useRemove('users');
  return (
    <form
      className="panel stack"
      aria-label="User"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            id: initial?.id,
            data: { email, name, roles, ...(password ? { password } : {}), ...(initial ? { disabled } : {}) },
          },
          { onSuccess: (u) => onSaved(u) },
        );
      }}
    >
      <h2>{initial ? `Edit ${initial.name}` : 'New user'}</h2>
      <div className="form-grid">
        <label>
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Name
          <input required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {initial ? 'New password (blank = keep)' : 'Password (8+ characters)'}
          <input
            type="password"
            autoComplete="new-password"
            minLength={8}
            required={!initial}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      </div>
      <fieldset>
        <legend>Roles</legend>
        <div className="row">
          {ROLES.map((r) => (
            <label key={r} className="inline">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
              />
              {r} <span className="muted small">({ROLE_HELP[r]})</span>
            </label>
          ))}
        </div>
        {roles.length === 0 && <p className="field-error">Give at least one role.</p>}
      </fieldset>
      {initial && (
        <label className="inline">
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
          Disabled (cannot sign in)
        </label>
      )}
      <FormActions
        save={save}
        remove={remove}
        saveLabel="Save user"
        disabled={roles.length === 0}
        onDelete={
          initial && {
            label: `user ${initial.email}`,
            run: () => remove.mutate(initial.id, { onSuccess: onDeleted }),
          }
        }
      />
    </form>
  );
}
