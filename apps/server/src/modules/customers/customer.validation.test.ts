import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile, nameKeys, normaliseResidentId, residentIdCheckChar } from './customer.validation.js';

const validId = fc
  .record({
    area: fc.integer({ min: 110000, max: 659999 }),
    birth: fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, birth, seq }) => {
    const body = `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return body + residentIdCheckChar(body);
  });

describe('resident ID (GB 11643)', () => {
  it('accepts every well-formed ID, in full-width digits too', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(normaliseResidentId(id)).toBe(id);
        const fullWidth = id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(normaliseResidentId(fullWidth)).toBe(id);
      }),
    );
  });

  it('refuses an ID with any single digit changed', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(normaliseResidentId(changed)).toBeNull();
      }),
    );
  });

  it('knows the published example and a lower-case x', () => {
    expect(normaliseResidentId('11010519491231002X')).toBe('11010519491231002X');
    expect(normaliseResidentId('11010519491231002x')).toBe('11010519491231002X');
    expect(normaliseResidentId('110105194912310021')).toBeNull();
    expect(normaliseResidentId('110105194902300020')).toBeNull(); // 30 February
  });
});

describe('masking and name keys', () => {
  it('masks phones and ID numbers', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('gives initials and pinyin, reading surnames as surnames', () => {
    expect(nameKeys('张三')).toEqual({ initials: 'zs', pinyin: 'zhangsan' });
    expect(nameKeys('曾国藩').initials).toBe('zgf');
    expect(nameKeys('单雄信').pinyin.startsWith('shan')).toBe(true);
  });
});
