import Link from 'next/link';
import type { ReactNode } from 'react';
import { canDo } from '@/lib/auth/roles';
import { requireSession } from '@/lib/auth/session';

/** Every settings section but the test library is for administrators. */
export default async function AdminSettingsLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  if (!canDo(session.user.roles, 'admin')) {
    return (
      <section className="panel" data-testid="settings-forbidden">
        <h1>Settings are for administrators</h1>
        <p className="muted">
          Your roles ({session.user.roles.join(', ')}) do not include admin. Ask an administrator of your
          organisation if you need to change connections, operators, sequences or users. The{' '}
          <Link href="/settings/library">test library</Link> is open to everyone.
        </p>
      </section>
    );
  }
  return children;
}
