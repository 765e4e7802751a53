import { describe, expect, it } from 'vitest';
import type { ClubTierRow } from './club.tables.js';
import { classOfKinds, isCardNo, lifetimeDelta, luhnDigit, newCardNo, tierFor, wholePoints } from './club-rules.js';

const tier = (code: string, rank: number, classes: string[], minPoints: number | null, active = true) =>
  ({ id: code, code, rank, classes, minPoints, active }) as ClubTierRow;

describe('club rules', () => {
  it('card numbers are C + 8 digits whose last is the Luhn check digit; a typo is caught', () => {
    expect(luhnDigit('7992739871')).toBe(3); // the textbook example 79927398713
    for (let i = 0; i < 50; i++) expect(isCardNo(newCardNo())).toBe(true);
    const card = newCardNo();
    const typo = `${card.slice(0, 3)}${(Number(card[3]) + 1) % 10}${card.slice(4)}`;
    expect(isCardNo(typo)).toBe(false);
  });

  it('the class follows the customer kinds', () => {
    expect(classOfKinds(['buyer', 'owner'])).toBe('owner_family');
    expect(classOfKinds(['family'])).toBe('owner_family');
    expect(classOfKinds(['buyer'])).toBe('buyer');
    expect(classOfKinds(['employee'])).toBe('employee');
    expect(classOfKinds([])).toBe('public');
  });

  it('the highest-ranked active tier whose class and points rules hold', () => {
    const tiers = [
      tier('member', 0, [], null),
      tier('owner', 10, ['owner_family'], null),
      tier('gold', 20, [], 5000),
      tier('vip', 30, [], 0, false),
    ];
    expect(tierFor(tiers, { class: 'buyer', lifetimePoints: 0 })?.code).toBe('member');
    expect(tierFor(tiers, { class: 'owner_family', lifetimePoints: 4999 })?.code).toBe('owner');
    expect(tierFor(tiers, { class: 'public', lifetimePoints: 5000 })?.code).toBe('gold');
    expect(tierFor([tier('owner', 10, ['owner_family'], null)], { class: 'public', lifetimePoints: 0 })).toBeNull();
  });

  it('whole points only; lifetime points count earnings and adjustments, not spending', () => {
    expect(() => wholePoints(1.5)).toThrow('CLUB_POINTS_INVALID');
    expect(() => wholePoints(-1)).toThrow('CLUB_POINTS_INVALID');
    expect(() => wholePoints(0)).toThrow('CLUB_POINTS_INVALID');
    expect(wholePoints(-3, { allowNegative: true })).toBe(-3);
    expect(lifetimeDelta('earn', 100)).toBe(100);
    expect(lifetimeDelta('redeem', -100)).toBe(0);
    expect(lifetimeDelta('reverse', -100, 'earn')).toBe(-100);
    expect(lifetimeDelta('reverse', 100, 'redeem')).toBe(0);
  });
});
