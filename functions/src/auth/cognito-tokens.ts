import { DomainError } from '@gong/core/domain/errors';
import { Role } from '@gong/core/domain/user';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { Principal, type TokenVerifier } from './principal';

export interface CognitoConfig {
  userPoolId: string;
  clientId: string;
}

/**
 * Cognito mode: ID tokens verified with aws-jwt-verify (JWKS cached per process). The tenant comes
 * from the `custom:tenant` attribute, roles from the user's groups (`cognito:groups`, unknown groups
 * ignored).
 */
export function cognitoTokens(config: CognitoConfig): TokenVerifier {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: config.userPoolId,
    tokenUse: 'id',
    clientId: config.clientId,
  });
  return {
    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        payload = (await verifier.verify(token)) as Record<string, unknown>;
      } catch (cause) {
        throw new DomainError('UNAUTHORIZED', 'the bearer token is invalid or expired', { cause });
      }
      return principalFromCognitoClaims(payload);
    },
  };
}

export function principalFromCognitoClaims(payload: Record<string, unknown>): Principal {
  const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
  const roles = groups.flatMap((g) => {
    const r = Role.safeParse(g);
    return r.success ? [r.data] : [];
  });
  const parsed = Principal.safeParse({
    userId: payload.sub,
    tenantId: payload['custom:tenant'],
    roles,
    name: typeof payload.name === 'string' ? payload.name : '',
    email: typeof payload.email === 'string' ? payload.email : '',
  });
  if (!parsed.success) {
    throw new DomainError('UNAUTHORIZED', 'the token carries no tenant (custom:tenant) or user id');
  }
  return parsed.data;
}
