import { ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useAnswerSurveyLink, useSurveyLink } from '../../api/surveys';
import { ErrorState } from '../../components/ErrorState';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageSkeleton } from '../../components/PageSkeleton';
import { useSurveyName } from './MySurveysPage';
import { SurveyAnswerForm } from './SurveyAnswerForm';
import './surveys.css';

type Gone = 'answered' | 'expired' | 'invalid';

/**
 * Why a link cannot be answered, from the server's code (and its `details.reason` on 410); null: not a link problem
 * (a wrong answer, the network). `showing`: the link's GET, where a malformed token is a bad link too.
 */
function goneReason(error: unknown, showing = false): Gone | null {
  if (!isApiError(error) || error.code === 'NETWORK_ERROR' || error.status >= 500) return null;
  if (error.code === 'SURVEY_ALREADY_ANSWERED') return 'answered';
  if (showing && error.code === 'VALIDATION_FAILED') return 'invalid'; // a cut-off token
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  if (reason === 'answered' || reason === 'expired') return reason;
  return error.status === 410 || error.status === 404 || error.code === 'SURVEY_NOT_PENDING' ? 'invalid' : null;
}

const GONE_TEXT = {
  answered: ['surveys.linkAnswered', 'surveys.linkAnsweredHint'],
  expired: ['surveys.linkExpired', 'surveys.linkExpiredHint'],
  invalid: ['surveys.linkInvalid', 'surveys.linkInvalidHint'],
} as const;

/**
 * The page behind a survey SMS (/m/survey/<token>): whoever received it answers without signing in. The link works
 * once and until it expires; an answered, expired or unknown link says so.
 */
export function SurveyLinkPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const nameOf = useSurveyName();
  const link = useSurveyLink(token);
  const answer = useAnswerSurveyLink(token);

  const header = (
    <div className="survey-link-head">
      <h1 className="section-title">{link.data ? nameOf(link.data) : t('surveys.linkTitle')}</h1>
      <LanguageSwitch compact />
    </div>
  );
  const shell = (children: React.ReactNode) => (
    <div className="page page-detail" data-testid="survey-link-page">
      {header}
      {children}
    </div>
  );
  const gone = (reason: Gone) =>
    shell(
      <div className="state-block" data-testid="survey-link-gone" data-reason={reason}>
        <ErrorBlock status="default" title={t(GONE_TEXT[reason][0])} description={t(GONE_TEXT[reason][1])} />
      </div>,
    );

  if (answer.isSuccess) {
    return shell(
      <div className="state-block" data-testid="survey-done">
        <ErrorBlock status="empty" title={t('surveys.thanks')} description={t('surveys.thanksHint')} />
      </div>,
    );
  }
  if (link.isPending) return <PageSkeleton />;
  if (link.isError) {
    const reason = goneReason(link.error, true);
    return reason ? gone(reason) : shell(<ErrorState error={link.error} onRetry={() => void link.refetch()} />);
  }
  const answerGone = answer.isError ? goneReason(answer.error) : null;
  if (answerGone) return gone(answerGone);
  return shell(
    <>
      <p className="survey-intro muted">
        {t(`surveys.kind.${link.data.kind}`)} · {t('surveys.intro')}
      </p>
      <SurveyAnswerForm
        form={link.data}
        onSubmit={(b) => answer.mutate(b)}
        pending={answer.isPending}
        error={answer.error}
      />
    </>,
  );
}
