import { Button } from 'antd-mobile';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { AnswerSurveyBody, SurveyAnswerInput, SurveyForm, SurveyQuestion } from '../../api/surveys';
import { errorMessage } from '../../components/ErrorState';
import { type Draft, MAX_TEXT, SurveyQuestionInput, useQuestionText } from './SurveyQuestionInput';
import './surveys.css';

const isRequired = (q: SurveyQuestion) => q.required !== false;

function answered(q: SurveyQuestion, d: Draft | undefined): boolean {
  if (!d) return false;
  if (q.type === 'score5' || q.type === 'nps') return d.score !== undefined;
  if (q.type === 'single' || q.type === 'multiple') return (d.choices?.length ?? 0) > 0;
  return (d.text ?? '').trim().length > 0;
}

/** The wire answers: one per answered question, in the survey's order; unanswered optional ones are left out. */
export function toAnswers(questions: SurveyQuestion[], drafts: Record<string, Draft>): SurveyAnswerInput[] {
  return questions.flatMap((q): SurveyAnswerInput[] => {
    const d = drafts[q.key];
    if (!answered(q, d) || !d) return [];
    if (q.type === 'score5' || q.type === 'nps') return [{ key: q.key, score: d.score }];
    if (q.type === 'single' || q.type === 'multiple') return [{ key: q.key, choices: d.choices }];
    return [{ key: q.key, text: (d.text ?? '').trim().slice(0, MAX_TEXT) }];
  });
}

/** The server's `details.problems` of a 400, as an error per question key. */
function serverProblems(error: unknown): { key: string; reason: string }[] {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return [];
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(problems) ? (problems as { key: string; reason: string }[]) : [];
}

/**
 * The questions of one survey, mobile first: stars, a 0–10 grid, selectors and text. Required questions are checked
 * before anything is sent (the first unanswered one is scrolled into view); the server's own check is shown per
 * question too.
 */
export function SurveyAnswerForm({
  form,
  onSubmit,
  pending,
  error,
}: {
  form: SurveyForm;
  onSubmit: (body: AnswerSurveyBody) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const text = useQuestionText();
  const base = useId();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    const problems = serverProblems(error);
    if (problems.length === 0) return;
    setErrors(
      Object.fromEntries(
        problems.map((p) => [p.key, p.reason === 'required' ? t('surveys.required') : t('surveys.invalid')]),
      ),
    );
  }, [error, t]);

  const change = (key: string, d: Draft) => {
    setDrafts((prev) => ({ ...prev, [key]: d }));
    setErrors(({ [key]: _, ...rest }) => rest);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = form.questions.filter((q) => isRequired(q) && !answered(q, drafts[q.key]));
    setErrors(Object.fromEntries(missing.map((q) => [q.key, t('surveys.required')])));
    if (missing.length > 0) {
      requestAnimationFrame(() =>
        document.querySelector('.survey-question-invalid')?.scrollIntoView({ behavior: 'smooth', block: 'center' }),
      );
      return;
    }
    onSubmit({ answers: toAnswers(form.questions, drafts) });
  };

  const missingCount = Object.values(errors).filter((v) => v === t('surveys.required')).length;
  const generalError =
    error && serverProblems(error).length === 0 ? errorMessage(error, t('common.networkError')) : null;
  return (
    <form className="survey-form" onSubmit={submit} noValidate data-testid="survey-form">
      <ol className="survey-questions">
        {form.questions.map((q, i) => {
          const labelId = `${base}-${q.key}`;
          const err = errors[q.key];
          return (
            <li
              key={q.key}
              className={`card survey-question${err ? ' survey-question-invalid' : ''}`}
              data-testid="survey-question"
              data-key={q.key}
              data-type={q.type}
            >
              <p className="survey-question-text" id={labelId}>
                <span className="survey-question-no">{i + 1}.</span>
                {text(q)}
                {!isRequired(q) && <span className="muted">{t('surveys.optional')}</span>}
                {q.type === 'multiple' && <span className="muted"> · {t('surveys.pickMany')}</span>}
              </p>
              <SurveyQuestionInput q={q} value={drafts[q.key]} onChange={(d) => change(q.key, d)} labelId={labelId} />
              {err && (
                <p className="field-error" role="alert" data-testid="survey-question-error">
                  {err}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div className="survey-actions">
        {missingCount > 0 && (
          <p className="form-error" role="alert" data-testid="survey-missing">
            {t('surveys.missing', { count: missingCount })}
          </p>
        )}
        {generalError && (
          <p className="form-error" role="alert" data-testid="survey-error">
            {generalError}
          </p>
        )}
        <Button block type="submit" color="primary" size="large" loading={pending} data-testid="survey-submit">
          {t('surveys.submit')}
        </Button>
      </div>
    </form>
  );
}
