import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { Suspense } from 'react';
import { LoginForm } from '@/components/auth/login-form';
import { clientEnv } from '@/env';
import { authOptions } from '@/lib/auth/options';

export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  const session = await getServerSession(authOptions);
  if (session?.user?.tenantId && session.expiresAt > Date.now()) redirect('/dashboard');
  return (
    <main className="login-wrap">
      <div className="panel login-card">
        <h1>Gong</h1>
        <p className="muted">Functional and stress testing for SMS gateways. Sign in to continue.</p>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <LoginForm cognitoEnabled={clientEnv.cognitoEnabled} />
        </Suspense>
      </div>
    </main>
  );
}
