import type { ReactNode } from 'react';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { canDo } from '@/lib/auth/roles';
import { requireSession } from '@/lib/auth/session';

/** Administrators get the settings heading and tabs; others reach only the test library (its own heading). */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  if (!canDo(session.user.roles, 'admin')) return children;
  return (
    <>
      <h1>Settings</h1>
      <SettingsTabs />
      {children}
    </>
  );
}
