import type { Role } from '@gong/core/domain/user';

/** What the web session carries: who the user is in Gong. The API token stays in the encrypted JWT. */
export interface GongUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  roles: Role[];
}

declare module 'next-auth' {
  interface Session {
    user: GongUser;
    expiresAt: number;
  }
  interface User {
    id: string;
    gong?: GongUser;
    apiToken?: string;
    apiExpiresAt?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    gong?: GongUser;
    apiToken?: string;
    apiExpiresAt?: number;
  }
}
