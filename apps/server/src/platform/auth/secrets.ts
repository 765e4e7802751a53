import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';

/**
 * argon2id. Production: the library's defaults (64 MiB, t=3, p=4), about 0.3 s of a core per hash. Test: cheap,
 * because the suites create and sign in thousands of users, each a hash and a verification.
 */
const COSTS = {
  production: { type: argon2.argon2id },
  test: { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
} satisfies Record<string, Omit<argon2.HashOptions, 'raw'>>;
let cost: (typeof COSTS)[keyof typeof COSTS] = COSTS.production;

/**
 * Sets the hashing cost for the rest of the process. Only the test setup lowers it (test/password-cost.ts); a hash
 * carries its own parameters, so verifying stays correct for hashes of either cost.
 */
export function usePasswordCost(kind: keyof typeof COSTS): void {
  cost = COSTS[kind];
}

export const hashPassword = (plain: string) => argon2.hash(plain, cost);

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Stored form of a bearer secret (session cookie, API token): HMAC keyed with SESSION_SECRET. */
export const keyedHash = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
