import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useAnswerMySurvey, useMySurveys } from '../../api/surveys';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { useSurveyName } from './MySurveysPage';
import { SurveyAnswerForm } from './SurveyAnswerForm';
import './surveys.css';

/** Answering one of my surveys (/m/surveys/:id); after the answer, a thank-you and the way back to the list. */
export function MySurveyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const nameOf = useSurveyName();
  const surveys = useMySurveys();
  const answer = useAnswerMySurvey(id);
  const back = () => navigate('/surveys', { replace: true });

  let body: React.ReactNode;
  if (answer.isSuccess) {
    body = (
      <div className="state-block" data-testid="survey-done">
        <ErrorBlock status="empty" title={t('surveys.thanks')} description={t('surveys.thanksHint')}>
          <Button color="primary" fill="outline" onClick={back} data-testid="survey-back">
            {t('surveys.backToList')}
          </Button>
        </ErrorBlock>
      </div>
    );
  } else if (surveys.isPending) {
    body = <PageSkeleton rows={4} />;
  } else if (surveys.isError) {
    body = <ErrorState error={surveys.error} onRetry={() => void surveys.refetch()} />;
  } else {
    const form = surveys.data.find((s) => s.id === id);
    body = form ? (
      <>
        <header className="survey-head">
          <h2 data-testid="survey-name">{nameOf(form)}</h2>
          <p className="muted">{t(`surveys.kind.${form.kind}`)}</p>
        </header>
        <SurveyAnswerForm
          form={form}
          onSubmit={(b) => answer.mutate(b)}
          pending={answer.isPending}
          error={answer.error}
        />
      </>
    ) : (
      <EmptyState title={t('surveys.gone')} description={t('surveys.goneHint')}>
        <Button color="primary" fill="outline" onClick={back}>
          {t('surveys.backToList')}
        </Button>
      </EmptyState>
    );
  }
  return (
    <div className="page page-detail" data-testid="survey-page">
      <PageNav title={t('surveys.title')} fallback="/surveys" />
      {body}
    </div>
  );
}
