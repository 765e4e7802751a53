import { z } from 'zod';

/**
 * Input rules for Chinese data, in one place for every form and route: phones as people type them (full-width
 * digits, spaces, dashes, +86), person names without emoji, birthdays a person can have.
 */

const DASHES_AND_SPACES = /[\s\u3000\-\u2010-\u2015\u2212\uff0d()（）]/g;

/** `＋８６ １３８-００１３ ８０００` → `13800138000`; anything else comes back trimmed and NFKC-normalised. */
export function normalisePhone(input: string): string {
  const plain = input.normalize('NFKC').replace(DASHES_AND_SPACES, '');
  return plain.replace(/^(?:\+|00)?86(?=1\d{10}$)/, '');
}

export const mobile = z
  .string()
  .trim()
  .transform(normalisePhone)
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number: 11 digits starting 13–19'));

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u200d|\ufe0f/u;

/** A person's name: up to `max` characters, no emoji. */
export const personName = (max = 20) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max, `at most ${max} characters`)
    .refine((s) => !EMOJI.test(s), 'a name cannot contain emoji (表情符号)');

/** A birthday: a real date between 1900-01-01 and today. */
export const birthday = z.iso.date().refine((d) => d >= '1900-01-01' && d <= todayInChina(), {
  message: 'a birthday between 1900-01-01 and today',
});

function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
