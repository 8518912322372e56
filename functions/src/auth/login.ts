import type { LoginAttempts } from '@gong/core/domain/ephemeral';
import { DomainError } from '@gong/core/domain/errors';
import { Email, type PublicUser } from '@gong/core/domain/user';
import type { Clock } from '@gong/core/ports/clock';
import type { ExpiringStore, UserRepository } from '@gong/core/ports/repository';
import { z } from 'zod';
import { verifyAgainstDummy, verifyPassword } from './password';
import type { TokenIssuer } from './principal';

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export interface LoginPolicy {
  /** failures allowed in the window before further attempts get 429 */
  maxFailures: number;
  windowSec: number;
  /** added delay per earlier failure, capped by maxDelayMs */
  delayMsPerFailure: number;
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  windowSec: 15 * 60,
  delayMsPerFailure: 250,
  maxDelayMs: 2000,
};

/** The ExpiringStore is tenant-scoped; login throttling is global, keyed by email, under this pseudo tenant. */
export const LOGIN_SCOPE = '_login';

export interface LoginDeps {
  users: UserRepository;
  attempts: ExpiringStore<LoginAttempts>;
  tokens: TokenIssuer | undefined;
  clock: Clock;
  policy: LoginPolicy;
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: Pick<PublicUser, 'id' | 'tenantId' | 'email' | 'name' | 'roles'>;
}

/**
 * Password login (local mode). Every failure of an email is counted for `windowSec`; each earlier
 * failure slows the next attempt down, and after `maxFailures` the email is locked out with 429 and
 * a retry-after until the window ends. Unknown emails cost the same time as wrong passwords.
 */
export async function login(deps: LoginDeps, body: LoginBody): Promise<LoginResult> {
  if (!deps.tokens) {
    throw new DomainError(
      'UNAVAILABLE',
      'password login is disabled: this deployment signs in through Cognito',
    );
  }
  const now = deps.clock.now();
  const key = body.email;
  const previous = await deps.attempts.get(LOGIN_SCOPE, key, now);
  const windowMs = deps.policy.windowSec * 1000;
  const live = previous && previous.firstAt + windowMs > now ? previous : undefined;
  const failures = live?.failures ?? 0;
  if (live && failures >= deps.policy.maxFailures) {
    await deps.clock.sleep(deps.policy.maxDelayMs);
    const retryAfterSec = Math.max(1, Math.ceil((live.firstAt + windowMs - now) / 1000));
    throw new DomainError(
      'RATE_LIMITED',
      `too many failed logins for this email; try again in ${retryAfterSec} s`,
      {
        details: { retryAfterSec },
      },
    );
  }
  if (failures > 0)
    await deps.clock.sleep(Math.min(failures * deps.policy.delayMsPerFailure, deps.policy.maxDelayMs));

  const user = await deps.users.findByEmail(body.email);
  const ok =
    user && !user.disabled
      ? await verifyPassword(body.password, user.passwordHash)
      : await verifyAgainstDummy(body.password);
  if (!ok || !user) {
    const firstAt = live?.firstAt ?? now;
    const ttlSec = Math.max(1, Math.ceil((firstAt + windowMs - now) / 1000));
    await deps.attempts.put(LOGIN_SCOPE, key, { failures: failures + 1, firstAt, lastAt: now }, ttlSec, now);
    throw new DomainError('UNAUTHORIZED', 'email or password is wrong');
  }
  if (failures > 0) await deps.attempts.delete(LOGIN_SCOPE, key);
  const { token, expiresAt } = await deps.tokens.mint({
    userId: user.id,
    tenantId: user.tenantId,
    roles: user.roles,
    name: user.name,
    email: user.email,
  });
  return {
    token,
    expiresAt,
    user: { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, roles: user.roles },
  };
}
