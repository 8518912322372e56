import { redirect } from 'next/navigation';
import { getServerSession, type Session } from 'next-auth';
import { authOptions } from './options';

/** The signed-in user's session, or a redirect to the login page (expired API tokens count as signed out). */
export async function requireSession(): Promise<Session> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.tenantId || session.expiresAt < Date.now()) redirect('/login');
  return session;
}
