'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  ['connections', 'Connections'],
  ['operators', 'Operators'],
  ['sequences', 'Sequences'],
  ['library', 'Test library'],
  ['strategies', 'Strategies'],
  ['users', 'Users'],
  ['schedules', 'Schedules'],
  ['scenarios', 'Scenarios'],
] as const;

export function SettingsTabs() {
  const path = usePathname();
  return (
    <nav className="tabs" aria-label="Settings sections">
      {TABS.map(([slug, label]) => (
        <Link
          key={slug}
          href={`/settings/${slug}`}
          aria-current={path.startsWith(`/settings/${slug}`) ? 'page' : undefined}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
