import { createHash, randomBytes } from 'node:crypto';
import type { SurveyAnswerInput, SurveyQuestion, SurveySettings, SurveyStage } from '@anju/contracts/surveys';
import { chinaLocal } from '../../platform/china-time.js';
import { AppError } from '../../platform/errors.js';

/** One survey per person per 30 days (a callback on their own ticket excepted). */
export const SURVEY_GAP_DAYS = 30;
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_LINK_DAYS = 7;
export const DEFAULT_SAMPLE_SIZE = 5;
const DAY = 86_400_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(24).toString('base64url');

export const settingsOf = (raw: unknown): SurveySettings => (raw ?? {}) as SurveySettings;
export const maxAttemptsOf = (s: SurveySettings) => s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
export const linkDaysOf = (s: SurveySettings) => s.linkDays ?? DEFAULT_LINK_DAYS;

export type AnswerRow = {
  questionKey: string;
  dimension: string | null;
  score: number | null;
  choices: string[] | null;
  text: string | null;
};

/**
 * Checks answers against the version's questions: every key known and answered once, scores in range (1–5, 0–10),
 * choices among the options (one for a single choice), required questions answered. Throws VALIDATION_FAILED with
 * every problem; else the rows to store and the headline score (the first 5-point question answered).
 */
export function checkAnswers(questions: SurveyQuestion[], answers: SurveyAnswerInput[]) {
  const problems: { key: string; reason: string }[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const seen = new Set<string>();
  const rows: AnswerRow[] = [];
  for (const a of answers) {
    const q = byKey.get(a.key);
    if (!q) {
      problems.push({ key: a.key, reason: 'unknown question' });
      continue;
    }
    if (seen.has(a.key)) {
      problems.push({ key: a.key, reason: 'answered twice' });
      continue;
    }
    seen.add(a.key);
    const reason = problemOf(q, a);
    if (reason) problems.push({ key: a.key, reason });
    else {
      rows.push({
        questionKey: q.key,
        dimension: q.dimension ?? null,
        score: q.type === 'score5' || q.type === 'nps' ? (a.score as number) : null,
        choices: q.type === 'single' || q.type === 'multiple' ? (a.choices as string[]) : null,
        text: q.type === 'text' ? (a.text ?? '') : null,
      });
    }
  }
  for (const q of questions) {
    if (q.required !== false && !seen.has(q.key)) problems.push({ key: q.key, reason: 'required' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { field: 'answers', problems });
  const first = questions.find((q) => q.type === 'score5' && rows.some((r) => r.questionKey === q.key));
  const headline = first ? (rows.find((r) => r.questionKey === first.key)?.score ?? null) : null;
  return { rows, headline };
}

function problemOf(q: SurveyQuestion, a: SurveyAnswerInput): string | null {
  switch (q.type) {
    case 'score5':
      return a.score !== undefined && a.score >= 1 && a.score <= 5 ? null : 'score must be 1–5';
    case 'nps':
      return a.score !== undefined && a.score >= 0 && a.score <= 10 ? null : 'score must be 0–10';
    case 'single':
    case 'multiple': {
      const codes = new Set((q.options ?? []).map((o) => o.code));
      const picked = a.choices ?? [];
      if (!picked.length) return 'choose at least one option';
      if (q.type === 'single' && picked.length !== 1) return 'choose exactly one option';
      if (new Set(picked).size !== picked.length) return 'an option is chosen twice';
      return picked.every((c) => codes.has(c)) ? null : 'unknown option';
    }
    case 'text':
      return typeof a.text === 'string' ? null : 'text expected';
  }
}

/** A definition's questions are sound: unique keys, choice questions with unique option codes. */
export function checkQuestions(questions: SurveyQuestion[]) {
  const problems: { key: string; reason: string }[] = [];
  const keys = new Set<string>();
  for (const q of questions) {
    if (keys.has(q.key)) problems.push({ key: q.key, reason: 'duplicate key' });
    keys.add(q.key);
    const choice = q.type === 'single' || q.type === 'multiple';
    const codes = (q.options ?? []).map((o) => o.code);
    if (choice && codes.length < 2) problems.push({ key: q.key, reason: 'a choice needs at least two options' });
    if (!choice && codes.length) problems.push({ key: q.key, reason: 'options only for choices' });
    if (new Set(codes).size !== codes.length) problems.push({ key: q.key, reason: 'duplicate option code' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { field: 'questions', problems });
}

/** A day 'YYYY-MM-DD' as its start in Asia/Shanghai, as a count of days. */
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const today = (now: Date) => Math.floor(chinaLocal(now).getTime() / DAY);

/**
 * The respondent's journey stage on the day they answer, from their home's dates (docs/surveys.md): before the
 * handover (delivery date until recorded) — signed in the first 30 days after the contract, then waiting for
 * delivery; from the handover — handover for 30 days, then the first year, then after the first year. Null when
 * neither date is known.
 */
export function stageOn(
  now: Date,
  dates: { contractDate: string | null; deliveryDate: string | null } | null,
): SurveyStage | null {
  if (!dates) return null;
  const day = today(now);
  if (dates.deliveryDate && dayNumber(dates.deliveryDate) <= day) {
    const since = day - dayNumber(dates.deliveryDate);
    if (since < 30) return 'handover';
    return since < 365 ? 'first_year' : 'after_first_year';
  }
  if (dates.contractDate) {
    return day - dayNumber(dates.contractDate) < 30 ? 'signed' : 'waiting_delivery';
  }
  return null;
}

/** A household of a sample: its unit, owner, product type and journey stage. */
export type Household = { unitId: string; customerId: string; productType?: string | null; stage?: string | null };

/** A deterministic pick of `n` of `items` (the first n after ordering by a hash of key and seed). */
export function pick<T>(items: T[], n: number, key: (t: T) => string, seed: string): T[] {
  const h = (t: T) =>
    createHash('sha1')
      .update(`${seed}:${key(t)}`)
      .digest('hex');
  return items
    .map((t) => ({ t, k: h(t) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, Math.max(0, n))
    .map((x) => x.t);
}

/** N households per product type (a design callback's sample). */
export function samplePerType(households: Household[], perType: number, seed: string): Household[] {
  const groups = new Map<string, Household[]>();
  for (const h of households) {
    const type = h.productType ?? '';
    groups.set(type, [...(groups.get(type) ?? []), h]);
  }
  return [...groups.values()].flatMap((g) => pick(g, perType, (h) => h.unitId, seed));
}

/** A share of households, stratified: each stage gets its share of the sample, rounded up (at least one). */
export function sampleStratified(households: Household[], share: number, seed: string): Household[] {
  const groups = new Map<string, Household[]>();
  for (const h of households) {
    const stage = h.stage ?? 'unknown';
    groups.set(stage, [...(groups.get(stage) ?? []), h]);
  }
  return [...groups.values()].flatMap((g) => pick(g, Math.ceil(g.length * share), (h) => h.unitId, seed));
}
