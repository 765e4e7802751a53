import { Selector } from 'antd-mobile';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestion } from '../../api/surveys';
import { useLanguage } from '../../i18n';
import { ScorePicker } from '../requests/ScorePicker';

/** One question's answer while the form is being filled (the wire shape is built at submit). */
export type Draft = { score?: number; choices?: string[]; text?: string };

export const MAX_TEXT = 1000;

/** The question's text in the reader's language (an empty English text falls back to Chinese). */
export function useQuestionText() {
  const lang = useLanguage();
  return (v: { textZh: string; textEn: string }) => (lang === 'en-US' && v.textEn ? v.textEn : v.textZh);
}

/** 1–5 stars, each a 48 px radio (`survey-<key>-score-<n>`); the word under the ends says which way is better. */
function Stars({ q, value, onChange }: { q: SurveyQuestion; value?: number; onChange: (n: number) => void }) {
  const { t } = useTranslation();
  const text = useQuestionText();
  return (
    <div>
      <ScorePicker
        value={value}
        onChange={onChange}
        legend={text(q)}
        testId={`survey-${q.key}-score`}
        className="survey-stars"
        starLabel={(n) => t('surveys.scoreN', { n })}
      />
      <div className="survey-scale-ends muted" aria-hidden>
        <span>{t('surveys.scoreLow')}</span>
        <span>{t('surveys.scoreHigh')}</span>
      </div>
    </div>
  );
}

const NPS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** 0–10 as a grid of large radio cells (`survey-<key>-nps-<n>`). */
function Nps({ q, value, onChange }: { q: SurveyQuestion; value?: number; onChange: (n: number) => void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <div>
      <div className="survey-nps" role="radiogroup" data-testid={`survey-${q.key}-nps`}>
        {NPS.map((n) => (
          <label
            key={n}
            className={`survey-nps-cell${value === n ? ' survey-nps-on' : ''}`}
            data-testid={`survey-${q.key}-nps-${n}`}
          >
            <input
              type="radio"
              className="visually-hidden"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
            />
            {n}
          </label>
        ))}
      </div>
      <div className="survey-scale-ends muted" aria-hidden>
        <span>{t('surveys.npsLow')}</span>
        <span>{t('surveys.npsHigh')}</span>
      </div>
    </div>
  );
}

/** The control of one question by its type; `labelId` names the group for screen readers. */
export function SurveyQuestionInput({
  q,
  value,
  onChange,
  labelId,
}: {
  q: SurveyQuestion;
  value: Draft | undefined;
  onChange: (d: Draft) => void;
  labelId: string;
}) {
  const { t } = useTranslation();
  const text = useQuestionText();
  switch (q.type) {
    case 'score5':
      return <Stars q={q} value={value?.score} onChange={(score) => onChange({ score })} />;
    case 'nps':
      return <Nps q={q} value={value?.score} onChange={(score) => onChange({ score })} />;
    case 'single':
    case 'multiple':
      return (
        <Selector
          columns={1}
          multiple={q.type === 'multiple'}
          options={(q.options ?? []).map((o) => ({ label: text(o), value: o.code }))}
          value={value?.choices ?? []}
          onChange={(choices) => onChange({ choices })}
          aria-labelledby={labelId}
          data-testid={`survey-${q.key}-choices`}
        />
      );
    default:
      return (
        <textarea
          className="field-input field-textarea"
          rows={4}
          maxLength={MAX_TEXT}
          aria-labelledby={labelId}
          placeholder={t('surveys.textPlaceholder')}
          value={value?.text ?? ''}
          onChange={(e) => onChange({ text: e.target.value })}
          data-testid={`survey-${q.key}-text`}
        />
      );
  }
}
