import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { requireSession } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return <AppShell user={session.user}>{children}</AppShell>;
}
