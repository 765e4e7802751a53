import { randomInt } from 'node:crypto';
import type { EarnRuleCode } from '@anju/contracts/club';
import type { AgeGroup, ClubEventKind } from '@anju/contracts/club-events';
import { CHINA_OFFSET_MS, chinaDate } from '../../../platform/china-time.js';

/** Letters and digits that cannot be misread on a phone screen or typed wrong (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

/** A random check-in code (8 of 31 symbols: about 2^39 codes; unique in the table, a collision retries). */
export function newCheckInCode(): string {
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** A typed or scanned code as stored: upper case, without spaces or dashes. */
export const normaliseCode = (raw: string) => raw.toUpperCase().replace(/[\s-]/g, '');

/** Ages (whole years on the event's day, inclusive) of each age group. */
export const AGE_RANGES: Record<AgeGroup, { min: number; max: number }> = {
  children: { min: 3, max: 12 },
  youth: { min: 13, max: 17 },
  seniors: { min: 60, max: 150 },
};

/** Whole years from a birthday (`YYYY-MM-DD`) to a day (`YYYY-MM-DD`). */
export function ageOn(birthday: string, day: string): number {
  const [by, bm, bd] = birthday.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whether a person with this birthday belongs to the age group on the event's (China) day; unknown birthday: no. */
export function inAgeGroup(group: AgeGroup, birthday: string | null, startsAt: Date): boolean {
  if (!birthday) return false;
  const age = ageOn(birthday, chinaDate(startsAt));
  const range = AGE_RANGES[group];
  return age >= range.min && age <= range.max;
}

/** The attendee's callback is due at 10:00 China time the day after the check-in. */
export function callbackDueAt(checkedInAt: Date): Date {
  const next = new Date(Date.parse(`${chinaDate(checkedInAt)}T10:00:00Z`) + 86_400_000 - CHINA_OFFSET_MS);
  return next;
}

/** Lectures earn their own rule; every other kind earns event attendance. */
export const earnRuleOf = (kind: ClubEventKind): EarnRuleCode =>
  kind === 'lecture' ? 'lecture_attendance' : 'event_attendance';
