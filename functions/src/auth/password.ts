import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Slow password hashing with scrypt (node:crypto, no native add-on). Stored format:
 * `scrypt$<log2N>$<r>$<p>$<salt b64>$<hash b64>` so parameters can be raised later and old
 * hashes still verify.
 */
export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { log2N: 15, r: 8, p: 1 };
const KEY_LEN = 64;
const SALT_LEN = 16;

function derive(plain: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  return new Promise((resolve, reject) => {
    scrypt(
      plain.normalize('NFKC'),
      salt,
      KEY_LEN,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(plain: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (plain.length === 0) throw new Error('cannot hash an empty password');
  const salt = randomBytes(SALT_LEN);
  const key = await derive(plain, salt, params);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

/** Constant-time check; false (never a throw) for a malformed stored hash. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, log2N, r, p, saltB64, keyB64] = parts;
  const params = { log2N: Number(log2N), r: Number(r), p: Number(p) };
  if (![params.log2N, params.r, params.p].every((n) => Number.isInteger(n) && n > 0) || params.log2N > 20) {
    return false;
  }
  const expected = Buffer.from(keyB64 ?? '', 'base64');
  if (expected.length !== KEY_LEN) return false;
  const actual = await derive(plain, Buffer.from(saltB64 ?? '', 'base64'), params);
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;
/** Burns the same time as a real check, so an unknown email is not faster than a wrong password. */
export async function verifyAgainstDummy(plain: string): Promise<false> {
  dummyHash ??= hashPassword('gong-dummy-password');
  await verifyPassword(plain, await dummyHash);
  return false;
}
