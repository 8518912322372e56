import { redirect } from 'next/navigation';
import { canDo } from '@/lib/auth/roles';
import { requireSession } from '@/lib/auth/session';

export default async function SettingsIndex() {
  const session = await requireSession();
  redirect(canDo(session.user.roles, 'admin') ? '/settings/connections' : '/settings/library');
}
