import { DomainError } from '@gong/core/domain/errors';
import type { Clock } from '@gong/core/ports/clock';
import { jwtVerify, SignJWT } from 'jose';
import { Principal, type TokenIssuer, type TokenVerifier } from './principal';

export interface LocalTokenConfig {
  /** HS256 secret, at least 32 characters */
  secret: string;
  issuer: string;
  ttlSec: number;
}

/**
 * Local-mode tokens: HS256 JWTs with claims sub (user id), tenant, roles, name, email.
 * The web app's next-auth session and `gong login` both obtain them from POST /auth/login.
 */
export function localTokens(config: LocalTokenConfig, clock: Clock): TokenIssuer & TokenVerifier {
  if (config.secret.length < 32) throw new Error('the JWT secret must be at least 32 characters');
  const key = new TextEncoder().encode(config.secret);
  return {
    async mint(p) {
      const iat = Math.floor(clock.now() / 1000);
      const exp = iat + config.ttlSec;
      const token = await new SignJWT({ tenant: p.tenantId, roles: p.roles, name: p.name, email: p.email })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(p.userId)
        .setIssuer(config.issuer)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: exp * 1000 };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: config.issuer,
          algorithms: ['HS256'],
          currentDate: new Date(clock.now()),
        });
        return Principal.parse({
          userId: payload.sub,
          tenantId: payload.tenant,
          roles: payload.roles,
          name: payload.name,
          email: payload.email,
        });
      } catch (cause) {
        throw new DomainError('UNAUTHORIZED', 'the bearer token is invalid or expired', { cause });
      }
    },
  };
}
