import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpisOf, rateOf } from './open-day.presenter.js';

describe('open-day rates (KPIS.md K5, K6)', () => {
  it('is "no data" with nothing collected, neither met nor missed', () => {
    expect(rateOf(0, 0)).toEqual({ done: 0, total: 0, rate: null });
  });

  it('counts answered suggestions and verified issues only', () => {
    expect(kpisOf({ suggestions: 4, answered: 3, issues: 2, verified: 1 })).toEqual({
      replyRate: { done: 3, total: 4, rate: 0.75 },
      rectificationRate: { done: 1, total: 2, rate: 0.5 },
    });
  });

  it('is done ÷ total, between 0 and 1, and 1 only when everything is done', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (total, k) => {
        const done = k % (total + 1);
        const { rate } = rateOf(done, total);
        expect(rate).toBe(done / total);
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
        expect(rate === 1).toBe(done === total);
      }),
    );
  });
});
