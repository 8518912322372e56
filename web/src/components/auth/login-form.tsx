'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type FormEvent, useEffect, useState } from 'react';

export function LoginForm({ cognitoEnabled }: { cognitoEnabled: boolean }) {
  const router = useRouter();
  const params = useSearchParams();
  // inputs are uncontrolled so what is typed before hydration survives; submit waits for hydration
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [error, setError] = useState<string | undefined>(
    params.get('expired') ? 'Your session expired. Please sign in again.' : undefined,
  );
  const [busy, setBusy] = useState(false);
  const callbackUrl = safeCallback(params.get('callbackUrl'));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const email = String(data.get('email') ?? '');
    const password = String(data.get('password') ?? '');
    setBusy(true);
    setError(undefined);
    const res = await signIn('credentials', { email, password, redirect: false });
    setBusy(false);
    if (res?.ok && !res.error) {
      router.replace(callbackUrl);
      router.refresh();
    } else if (res?.error === 'CredentialsSignin') {
      setError('Wrong email or password.');
    } else {
      setError('Sign-in failed: the Gong API may be unreachable. Try again in a moment.');
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Sign in">
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy || !hydrated}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {cognitoEnabled && (
        <button type="button" onClick={() => signIn('cognito', { callbackUrl })}>
          Sign in with your company account
        </button>
      )}
    </form>
  );
}

function safeCallback(raw: string | null): string {
  return raw?.startsWith('/') && !raw.startsWith('//') ? raw : '/dashboard';
}
