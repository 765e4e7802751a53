import { Button, ErrorBlock } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useRateByLink, useRatingLink } from '../../api/rating';
import { ErrorState, errorMessage } from '../../components/ErrorState';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageSkeleton } from '../../components/PageSkeleton';
import { TextAreaField } from '../../components/TextField';
import { useRequestTitle } from '../../lib/requestTitle';
import { ScorePicker } from '../requests/ScorePicker';

const MAX_COMMENT = 500;

/**
 * The page behind the SMS sent at close (/m/rate/<token>): whoever received it rates the service 1–5 without
 * signing in. The link works once and for 7 days; 1–2 reopens the request.
 */
export function RatePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const link = useRatingLink(token);
  const rate = useRateByLink(token);
  const titleOf = useRequestTitle();
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ score?: string; comment?: string }>({});

  const header = (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '12px 16px' }}>
      <h1 className="section-title">{t('rate.title')}</h1>
      <LanguageSwitch compact />
    </div>
  );
  if (link.isPending) return <PageSkeleton />;
  if (rate.isSuccess) {
    return (
      <div className="page page-detail">
        {header}
        <div className="state-block" data-testid="rate-done">
          <ErrorBlock status="empty" title={t('request.rated')} description={t('rate.doneHint')} />
        </div>
      </div>
    );
  }
  if (link.isError) {
    const gone = isApiError(link.error) && link.error.status < 500 && link.error.code !== 'NETWORK_ERROR';
    return (
      <div className="page page-detail">
        {header}
        {gone ? (
          <div className="state-block" data-testid="rate-invalid">
            <ErrorBlock status="default" title={t('rate.invalid')} description={t('rate.invalidHint')} />
          </div>
        ) : (
          <ErrorState error={link.error} onRetry={() => void link.refetch()} />
        )}
      </div>
    );
  }

  const submit = () => {
    const e: typeof errors = {};
    if (!score) e.score = t('request.scoreRequired');
    if (comment.trim().length > MAX_COMMENT) e.comment = t('request.commentTooLong');
    setErrors(e);
    if (e.score || e.comment || !score) return;
    rate.mutate({ score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  return (
    <div className="page page-detail">
      {header}
      <section className="card callback" data-testid="rate-section">
        <p className="request-number">{link.data.number}</p>
        <h2 className="request-title" data-testid="rate-request-title">
          {titleOf(link.data, link.data.category)}
        </h2>
        <p className="muted">{t('request.rateTitle')}</p>
        <ScorePicker value={score} onChange={setScore} legend={t('request.score')} />
        {errors.score && (
          <p className="field-error" role="alert">
            {errors.score}
          </p>
        )}
        <TextAreaField
          label={t('request.comment')}
          placeholder={t('request.commentPlaceholder')}
          value={comment}
          maxLength={MAX_COMMENT}
          onChange={(e) => setComment(e.target.value)}
          error={errors.comment}
          data-testid="rating-comment"
        />
        {rate.isError && (
          <p className="form-error" role="alert">
            {errorMessage(rate.error, t('common.networkError'))}
          </p>
        )}
        <Button
          block
          color="primary"
          size="large"
          loading={rate.isPending}
          onClick={submit}
          data-testid="rating-submit"
        >
          {t('request.submitRating')}
        </Button>
      </section>
    </div>
  );
}
