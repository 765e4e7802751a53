import type { SurveyAnswerInput, SurveyQuestion } from '@anju/contracts/surveys';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type Named = { nameZh: string; nameEn: string };
type Texted = { textZh: string; textEn?: string };

/** Names and labels of surveys in the reader's language (English falls back to Chinese when not written). */
export function useSurveyWords() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useMemo(() => {
    // the keys are checked by the callers' types; i18next's key type cannot follow a template
    const label = (group: string, value: string | null | undefined) =>
      value ? t(`surveys.${group}.${value}` as never, { defaultValue: value }) : '—';
    return {
      en,
      name: (s: Named | undefined) => (s ? (en && s.nameEn) || s.nameZh : '—'),
      text: (q: Texted) => (en && q.textEn) || q.textZh,
      kind: (v: string | null | undefined) => label('kinds', v),
      status: (v: string | null | undefined) => label('statuses', v),
      channel: (v: string | null | undefined) => label('channels', v),
      method: (v: string | null | undefined) => label('methods', v),
      stage: (v: string | null | undefined) => label('stages', v),
      service: (v: string | null | undefined) => label('services', v),
      subjectType: (v: string | null | undefined) => label('subjectTypes', v),
      questionType: (v: string | null | undefined) => label('questionTypes', v),
      dimension: (v: string | null | undefined) => label('dimensions', v),
    };
  }, [t, en]);
}

/** A form's values per question key (a score, one option code, several, or text). */
export type AnswerValues = Record<string, number | string | string[] | undefined>;

/** The form's values as the API's answers: unanswered (empty) questions are left out. */
export function toAnswers(questions: SurveyQuestion[], values: AnswerValues): SurveyAnswerInput[] {
  const out: SurveyAnswerInput[] = [];
  for (const q of questions) {
    const v = values[q.key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (q.type === 'score5' || q.type === 'nps') out.push({ key: q.key, score: Number(v) });
    else if (q.type === 'single') out.push({ key: q.key, choices: [String(v)] });
    else if (q.type === 'multiple') out.push({ key: q.key, choices: (v as string[]).map(String) });
    else out.push({ key: q.key, text: String(v).trim() });
  }
  return out;
}
