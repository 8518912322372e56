'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import type { ReactNode } from 'react';
import { canDo } from '@/lib/auth/roles';
import type { GongUser } from '@/types/next-auth';
import { MeProvider } from './me';

const NAV = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/functional', label: 'Functional testing' },
  { href: '/stress', label: 'Stress testing' },
  { href: '/results', label: 'Results' },
  { href: '/settings', label: 'Settings', admin: true },
  // administrators reach it among the settings tabs
  { href: '/settings/library', label: 'Test library', admin: false },
] as const;

export function AppShell({ user, children }: { user: GongUser; children: ReactNode }) {
  const pathname = usePathname();
  const isAdmin = canDo(user.roles, 'admin');
  return (
    <MeProvider user={user}>
      <div className="shell">
        <nav className="sidebar" aria-label="Main">
          <div className="logo">Gong</div>
          {NAV.filter((n) => !('admin' in n) || n.admin === isAdmin).map((n) => (
            <Link key={n.href} href={n.href} aria-current={pathname.startsWith(n.href) ? 'page' : undefined}>
              {n.label}
            </Link>
          ))}
          <div className="who">
            <div>{user.name}</div>
            <div className="muted">{user.email}</div>
            <div className="muted">
              tenant <strong>{user.tenantId}</strong> · {user.roles.join(', ')}
            </div>
            <button type="button" onClick={() => signOut({ callbackUrl: '/login' })}>
              Sign out
            </button>
          </div>
        </nav>
        <main className="main">{children}</main>
      </div>
    </MeProvider>
  );
}
