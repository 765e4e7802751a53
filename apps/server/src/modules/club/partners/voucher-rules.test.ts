import { describe, expect, it } from 'vitest';
import type { ClubBenefitRow } from './partner.tables.js';
import { newVoucherCode, voucherStatus, whyUnavailable } from './voucher.service.js';

const benefit = (over: Partial<ClubBenefitRow> = {}) =>
  ({ active: true, validFrom: '2026-11-01', validTo: '2026-11-30', ...over }) as ClubBenefitRow;

describe('voucher rules', () => {
  it('makes readable codes: ten characters without 0, O, 1, I or L', () => {
    const codes = new Set(Array.from({ length: 500 }, newVoucherCode));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
  });

  it('reads an issued voucher past its expiry as expired, a redeemed one stays redeemed', () => {
    const at = new Date('2026-11-23T02:00:00Z');
    expect(voucherStatus({ status: 'issued', expiresAt: new Date(at.getTime() + 1) }, at)).toBe('issued');
    expect(voucherStatus({ status: 'issued', expiresAt: at }, at)).toBe('expired');
    expect(voucherStatus({ status: 'redeemed', expiresAt: new Date(0) }, at)).toBe('redeemed');
  });

  it('a benefit is claimable on the China days of its validity, when it and its partner are active', () => {
    expect(whyUnavailable(benefit(), true, '2026-11-01')).toBeNull();
    expect(whyUnavailable(benefit(), true, '2026-11-30')).toBeNull();
    expect(whyUnavailable(benefit(), true, '2026-10-31')).toBe('not_started');
    expect(whyUnavailable(benefit(), true, '2026-12-01')).toBe('ended');
    expect(whyUnavailable(benefit({ active: false }), true, '2026-11-15')).toBe('inactive');
    expect(whyUnavailable(benefit(), false, '2026-11-15')).toBe('inactive');
  });
});
