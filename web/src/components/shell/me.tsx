'use client';

import type { Role } from '@gong/core/domain/user';
import { createContext, type ReactNode, useContext } from 'react';
import { canDo } from '@/lib/auth/roles';
import type { GongUser } from '@/types/next-auth';

const MeContext = createContext<GongUser | undefined>(undefined);

export function MeProvider({ user, children }: { user: GongUser; children: ReactNode }) {
  return <MeContext.Provider value={user}>{children}</MeContext.Provider>;
}

/** The signed-in user (tenant, roles), as the server layout verified it. */
export function useMe(): GongUser & { can: (role: Role) => boolean } {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the signed-in layout');
  return { ...me, can: (role: Role) => canDo(me.roles, role) };
}
