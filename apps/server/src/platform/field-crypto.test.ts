import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCrypto } from './field-crypto.js';

describe('FieldCrypto', () => {
  const crypto = new FieldCrypto(randomBytes(32));

  it('round-trips and never stores the plain text', () => {
    const sealed = crypto.encrypt('110101199003074514');
    expect(sealed).not.toContain('110101199003074514');
    expect(crypto.decrypt(sealed)).toBe('110101199003074514');
  });

  it('uses a fresh IV per value, so equal inputs encrypt differently', () => {
    expect(crypto.encrypt('same')).not.toBe(crypto.encrypt('same'));
  });

  it('detects tampering', () => {
    const sealed = crypto.encrypt('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => crypto.decrypt(parts.join('.'))).toThrow();
  });

  it('gives a stable, case-insensitive lookup hash that another key does not reproduce', () => {
    expect(crypto.lookupHash('11010119900307451x')).toBe(crypto.lookupHash('11010119900307451X '));
    expect(new FieldCrypto(randomBytes(32)).lookupHash('x')).not.toBe(crypto.lookupHash('x'));
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new FieldCrypto(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
