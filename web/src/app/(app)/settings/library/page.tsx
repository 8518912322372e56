import { LibrarySettings } from '@/components/settings/library-settings';
import { canDo } from '@/lib/auth/roles';
import { requireSession } from '@/lib/auth/session';

export default async function LibraryPage() {
  const session = await requireSession();
  return (
    <>
      {/* administrators see it under the Settings heading and tabs */}
      {!canDo(session.user.roles, 'admin') && <h1>Test library</h1>}
      <LibrarySettings />
    </>
  );
}
