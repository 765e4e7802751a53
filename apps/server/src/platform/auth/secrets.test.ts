import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, usePasswordCost, verifyPassword } from './secrets.js';

afterEach(() => usePasswordCost('test'));

describe('password hashing', () => {
  it('uses argon2id at 64 MiB, t=3, p=4 in production', async () => {
    usePasswordCost('production');
    const hash = await hashPassword('Good-password-1');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(await verifyPassword(hash, 'Good-password-1')).toBe(true);
    expect(await verifyPassword(hash, 'Good-password-2')).toBe(false);
  });

  it('verifies a hash of either cost, whatever the current one', async () => {
    const cheap = await hashPassword('Good-password-1');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    usePasswordCost('production');
    expect(await verifyPassword(cheap, 'Good-password-1')).toBe(true);
    expect(await verifyPassword('not-a-hash', 'Good-password-1')).toBe(false);
  });
});
