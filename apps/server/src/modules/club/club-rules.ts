import { randomInt } from 'node:crypto';
import type { LedgerKind, MemberClass } from '@anju/contracts/club';
import { AppError } from '../../platform/errors.js';
import type { ClubTierRow } from './club.tables.js';

/** The Luhn check digit of a string of digits. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A readable card number: `C`, seven random digits (no leading zero) and a Luhn check digit. */
export function newCardNo(): string {
  const body = String(randomInt(1_000_000, 10_000_000));
  return `C${body}${luhnDigit(body)}`;
}

export const isCardNo = (s: string) => /^C\d{8}$/.test(s) && luhnDigit(s.slice(1, 8)) === Number(s[8]);

/** A member's class from the customer's kinds: owner or family → owner_family, buyer, employee, else public. */
export function classOfKinds(kinds: readonly string[]): MemberClass {
  if (kinds.includes('owner') || kinds.includes('family')) return 'owner_family';
  if (kinds.includes('buyer')) return 'buyer';
  if (kinds.includes('employee')) return 'employee';
  return 'public';
}

/** The tier a member qualifies for: the highest-ranked active tier whose class and points rules both hold. */
export function tierFor(
  tiers: readonly ClubTierRow[],
  member: { class: string; lifetimePoints: number },
): ClubTierRow | null {
  const fits = tiers
    .filter((t) => t.active)
    .filter((t) => t.classes.length === 0 || t.classes.includes(member.class))
    .filter((t) => t.minPoints === null || member.lifetimePoints >= t.minPoints)
    .sort((a, b) => b.rank - a.rank || a.code.localeCompare(b.code));
  return fits[0] ?? null;
}

/** Whole points only: fractional, unsafe or (unless allowed) negative or zero values are refused, nothing written. */
export function wholePoints(value: number, opts: { allowNegative?: boolean; allowZero?: boolean } = {}): number {
  if (!Number.isSafeInteger(value) || Math.abs(value) > 100_000_000) throw new AppError('CLUB_POINTS_INVALID');
  if (value < 0 && !opts.allowNegative) throw new AppError('CLUB_POINTS_INVALID');
  if (value === 0 && !opts.allowZero) throw new AppError('CLUB_POINTS_INVALID');
  return value;
}

/**
 * How an entry moves the lifetime points tiers are judged on: earnings and manual adjustments count, spending
 * and expiry do not; a reversal undoes what the reversed entry counted.
 */
export function lifetimeDelta(kind: LedgerKind, points: number, reversedKind?: LedgerKind): number {
  if (kind === 'earn' || kind === 'adjust') return points;
  if (kind === 'reverse' && reversedKind) return lifetimeDelta(reversedKind, points);
  return 0;
}
