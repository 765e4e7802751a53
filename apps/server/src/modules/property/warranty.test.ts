import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { warrantyExpiry, warrantyStatus } from './warranty.js';

const day = fc
  .date({ min: new Date('2015-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('warranty periods', () => {
  it.each([
    ['2024-02-29', { kind: 'years', value: 5 }, '2029-02-28'],
    ['2025-06-30', { kind: 'years', value: 2 }, '2027-06-30'],
    ['2025-06-30', { kind: 'design_life', value: 50 }, '2075-06-30'],
    // delivered in summer: the first heating season is the coming winter, ending 15 March
    ['2025-06-30', { kind: 'heating_seasons', value: 2 }, '2027-03-15'],
    // delivered during a heating season: that season counts as the first
    ['2025-12-20', { kind: 'heating_seasons', value: 2 }, '2027-03-15'],
    ['2026-01-10', { kind: 'heating_seasons', value: 2 }, '2027-03-15'],
    ['2026-03-16', { kind: 'heating_seasons', value: 2 }, '2028-03-15'],
    // cooling: delivered in July counts this summer
    ['2025-07-01', { kind: 'cooling_seasons', value: 2 }, '2026-09-30'],
    ['2025-10-01', { kind: 'cooling_seasons', value: 2 }, '2027-09-30'],
  ] as const)('delivered %s with %o expires %s', (delivered, period, expiry) => {
    expect(warrantyExpiry(delivered, period)).toBe(expiry);
  });

  it('covers the expiry day itself, not the day after; unknown without a delivery date', () => {
    const period = { kind: 'years', value: 2 } as const;
    expect(warrantyStatus({ deliveredOn: '2025-06-30', period, on: '2027-06-30' }).status).toBe('in_warranty');
    expect(warrantyStatus({ deliveredOn: '2025-06-30', period, on: '2027-07-01' }).status).toBe('expired');
    expect(warrantyStatus({ deliveredOn: null, period, on: '2027-07-01' })).toEqual({
      status: 'unknown',
      expiresOn: null,
    });
  });

  it('never turns expired back into covered as time passes, and a longer period never ends sooner', () => {
    const kinds = fc.constantFrom('years', 'heating_seasons', 'cooling_seasons', 'design_life');
    fc.assert(
      fc.property(day, day, kinds, fc.integer({ min: 1, max: 10 }), (delivered, on, kind, value) => {
        const period = { kind, value } as const;
        const later = new Date(Date.parse(on) + 86_400_000 * 30).toISOString().slice(0, 10);
        if (warrantyStatus({ deliveredOn: delivered, period, on }).status === 'expired') {
          expect(warrantyStatus({ deliveredOn: delivered, period, on: later }).status).toBe('expired');
        }
        expect(warrantyExpiry(delivered, { kind, value: value + 1 }) > warrantyExpiry(delivered, period)).toBe(true);
        expect(warrantyExpiry(delivered, period) >= delivered).toBe(true);
      }),
    );
  });
});
