import { Role } from '@gong/core/domain/user';
import { z } from 'zod';

/** Who is calling: taken from a verified token only. */
export const Principal = z.object({
  userId: z.string().min(1),
  tenantId: z.string().min(1),
  roles: z.array(Role),
  name: z.string().default(''),
  email: z.string().default(''),
});
export type Principal = z.infer<typeof Principal>;

export interface TokenVerifier {
  /** Throws DomainError UNAUTHORIZED when the token is not valid. */
  verify(token: string): Promise<Principal>;
}

export interface TokenIssuer {
  /** Mints a token for a user (local mode only; Cognito issues its own). */
  mint(principal: Principal): Promise<{ token: string; expiresAt: number }>;
}
