import type { ReactNode } from 'react';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { canDo } from '@/lib/auth/roles';
import { requireSession } from '@/lib/auth/session';

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  if (!canDo(session.user.roles, 'admin')) {
    return (
      <section className="panel" data-testid="settings-forbidden">
        <h1>Settings are for administrators</h1>
        <p className="muted">
          Your roles ({session.user.roles.join(', ')}) do not include admin. Ask an administrator of your
          organisation if you need to change connections, operators, sequences or users.
        </p>
      </section>
    );
  }
  return (
    <>
      <h1>Settings</h1>
      <SettingsTabs />
      {children}
    </>
  );
}
