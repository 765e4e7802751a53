import { PullToRefresh } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type SurveyForm, useMySurveys } from '../../api/surveys';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { useLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import './surveys.css';

/** A survey's name in the reader's language (an empty English name falls back to Chinese). */
export function useSurveyName() {
  const lang = useLanguage();
  return (s: Pick<SurveyForm, 'nameZh' | 'nameEn'>) => (lang === 'en-US' && s.nameEn ? s.nameEn : s.nameZh);
}

/** My surveys (/m/surveys): the surveys and callbacks waiting for my answer, newest first. */
export function MySurveysPage() {
  const { t } = useTranslation();
  const nameOf = useSurveyName();
  const surveys = useMySurveys();
  return (
    <div className="page page-detail" data-testid="surveys-page">
      <PageNav title={t('surveys.title')} fallback="/" />
      {surveys.isPending ? (
        <PageSkeleton rows={3} />
      ) : surveys.isError ? (
        <ErrorState error={surveys.error} onRetry={() => void surveys.refetch()} />
      ) : surveys.data.length === 0 ? (
        <EmptyState title={t('surveys.empty')} description={t('surveys.emptyHint')} />
      ) : (
        <PullToRefresh onRefresh={async () => void (await surveys.refetch())}>
          <p className="survey-intro muted">{t('surveys.intro')}</p>
          <ul className="card-list survey-list" data-testid="survey-list">
            {surveys.data.map((s) => (
              <li key={s.id}>
                <Link to={`/surveys/${s.id}`} className="card home-card" data-testid="survey-item" data-id={s.id}>
                  <span className="home-card-main">
                    <span className="home-card-title">{nameOf(s)}</span>
                    <span className="survey-item-meta muted">
                      <span>{t(`surveys.kind.${s.kind}`)}</span>
                      <span>{t('surveys.questions', { count: s.questions.length })}</span>
                      <time dateTime={s.createdAt}>{t('surveys.sentOn', { date: formatDate(s.createdAt) })}</time>
                    </span>
                  </span>
                  <RightOutline aria-hidden className="home-card-arrow" />
                </Link>
              </li>
            ))}
          </ul>
        </PullToRefresh>
      )}
    </div>
  );
}
