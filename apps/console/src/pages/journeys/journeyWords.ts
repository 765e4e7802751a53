import type { JourneyAnchor, JourneyStep } from '@anju/contracts/journeys';
import type { TFunction } from 'i18next';

/** What the words of a step's timing need: its anchor (with milestone / part), offset and repeat. */
export type StepTiming = Pick<JourneyStep, 'anchor' | 'milestone' | 'warrantyPart' | 'offset' | 'repeat'>;

/** A bilingual text in the reader's language. */
export const inLanguage = (lang: string, value: { zh: string; en: string }) => (lang === 'en-US' ? value.en : value.zh);

/** `structure topping-out` → `Structure topping-out` (labels that also sit inside sentences). */
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The anchor as it reads inside a phrase: `签约` / `contract signing`, a milestone's or a part's name. */
export function anchorPhrase(step: Pick<StepTiming, 'anchor' | 'milestone' | 'warrantyPart'>, t: TFunction): string {
  if (step.anchor === 'milestone' && step.milestone) return t(`journeys.milestones.${step.milestone}`);
  if (step.anchor === 'warranty_expiry' && step.warrantyPart) {
    return t('journeys.offset.warranty', { part: step.warrantyPart });
  }
  return t(`journeys.anchors.${step.anchor}`);
}

/**
 * A step's timing in words: `签约后 3 天`, `计划交付前 60 天`, `入住后 12 个月`, `签约后 3 个月起，每 3 个月（交付前）`;
 * `3 days after contract signing`, `60 days before planned delivery`, `on the day of handover`.
 */
export function offsetInWords(step: StepTiming, t: TFunction): string {
  const anchor = anchorPhrase(step, t);
  const { months, days } = step.offset;
  const amount = [
    months ? t('journeys.offset.months', { count: Math.abs(months) }) : '',
    days ? t('journeys.offset.days', { count: Math.abs(days) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const before = months < 0 || days < 0;
  const first = amount
    ? t(before ? 'journeys.offset.before' : 'journeys.offset.after', { anchor, amount })
    : t('journeys.offset.on', { anchor });
  return step.repeat ? t('journeys.offset.repeat', { first, count: step.repeat.everyMonths }) : first;
}

/** The anchor as a date: `签约日期`, `Handover date`. */
export const anchorDateLabel = (anchor: JourneyAnchor, t: TFunction): string => t(`journeys.anchorDates.${anchor}`);
