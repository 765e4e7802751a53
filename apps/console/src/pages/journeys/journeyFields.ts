import {
  JOURNEY_ANCHORS,
  JOURNEY_PERFORMERS,
  JOURNEY_STEP_KINDS,
  type JourneyStep,
  PROJECT_MILESTONES,
} from '@anju/contracts/journeys';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import { capitalize, inLanguage, offsetInWords, type StepTiming } from './journeyWords';

export const JOURNEY_SCOPES = ['household', 'batch'] as const satisfies readonly JourneyStep['scope'][];
/** Anchors a batch step may hang on (the batch's delivery). */
export const BATCH_ANCHORS: readonly JourneyStep['anchor'][] = ['planned_delivery', 'actual_delivery'];

/** Labelled options of the journey enums, in the contracts' order. */
export function useJourneyOptions() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      anchors: JOURNEY_ANCHORS.map((v) => ({ value: v, label: t(`journeys.anchorDates.${v}`) })),
      kinds: JOURNEY_STEP_KINDS.map((v) => ({ value: v, label: t(`journeys.kinds.${v}`) })),
      performers: JOURNEY_PERFORMERS.map((v) => ({ value: v, label: t(`journeys.performers.${v}`) })),
      scopes: JOURNEY_SCOPES.map((v) => ({ value: v, label: t(`journeys.scopes.${v}`) })),
      milestones: PROJECT_MILESTONES.map((v) => ({ value: v, label: capitalize(t(`journeys.milestones.${v}`)) })),
    }),
    [t],
  );
}

/** Bilingual text (names, checklist items, scripts) in the reader's language. */
export function useInLanguage(): (value: { zh: string; en: string }) => string {
  const lang = useLanguage();
  return useCallback((value) => inLanguage(lang, value), [lang]);
}

/** A step's timing in words, in the UI language. */
export function useOffsetInWords(): (step: StepTiming) => string {
  const { t } = useTranslation();
  return useCallback((step) => offsetInWords(step, t), [t]);
}
