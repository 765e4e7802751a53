import type { MyRequest } from '@anju/contracts';
import { Button, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmMyRequest, useRateMyRequest } from '../../api/requests';
import { errorMessage } from '../../components/ErrorState';
import { TextAreaField } from '../../components/TextField';
import { formatDateTime } from '../../lib/format';
import { ScorePicker, ScoreView } from './ScorePicker';

const MAX_COMMENT = 500;

/** Whether the owner's latest word on the result was "fixed" (the server keeps the request ratable after it). */

/** The callback: confirm fixed / not fixed, then rate 1–5 with a comment. */
export function ConfirmAndRate({ request }: { request: MyRequest }) {
  const { t } = useTranslation();
  const [fixedLocally, setFixedLocally] = useState(false);

  if (request.rating) {
    return (
      <section className="card" data-testid="rating-done">
        <h2 className="section-title">{t('request.yourRating')}</h2>
        <ScoreView score={request.rating.score} />
        {request.rating.comment && <p>{request.rating.comment}</p>}
        <div className="muted">{formatDateTime(request.rating.at)}</div>
      </section>
    );
  }
  if (!request.canRate) return null;
  return fixedLocally || request.confirmedFixed ? (
    <RateForm id={request.id} />
  ) : (
    <ConfirmForm request={request} onFixed={() => setFixedLocally(true)} />
  );
}

function ConfirmForm({ request, onFixed }: { request: MyRequest; onFixed: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmMyRequest(request.id);
  const [notFixed, setNotFixed] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const repair = request.type === 'repair';

  const sendFixed = () =>
    confirm.mutate(
      { fixed: true },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('request.confirmed') });
          onFixed();
        },
      },
    );
  const sendNotFixed = () => {
    const text = comment.trim();
    if (!text) return setError(t('request.notFixedCommentRequired'));
    if (text.length > MAX_COMMENT) return setError(t('request.commentTooLong'));
    setError(undefined);
    confirm.mutate(
      { fixed: false, comment: text },
      { onSuccess: () => Toast.show({ icon: 'success', content: t('request.reopened') }) },
    );
  };

  return (
    <section className="card callback" data-testid="confirm-section">
      <h2 className="section-title">{t('request.confirmTitle')}</h2>
      <p className="muted">{t('request.confirmHint')}</p>
      <div className="button-row">
        <Button
          color="primary"
          size="large"
          loading={confirm.isPending && !notFixed}
          disabled={confirm.isPending}
          onClick={sendFixed}
          data-testid="confirm-fixed"
        >
          {repair ? t('request.fixed') : t('request.resolved')}
        </Button>
        <Button
          size="large"
          color="danger"
          fill="outline"
          disabled={confirm.isPending}
          onClick={() => setNotFixed(true)}
          data-testid="confirm-not-fixed"
        >
          {repair ? t('request.notFixed') : t('request.notResolved')}
        </Button>
      </div>
      {notFixed && (
        <div className="callback-more">
          <TextAreaField
            label={t('request.notFixedTitle')}
            placeholder={t('request.notFixedComment')}
            value={comment}
            maxLength={MAX_COMMENT}
            onChange={(e) => setComment(e.target.value)}
            error={error}
            data-testid="confirm-not-fixed-comment"
          />
          <Button
            block
            color="danger"
            size="large"
            loading={confirm.isPending}
            onClick={sendNotFixed}
            data-testid="confirm-not-fixed-submit"
          >
            {t('request.notFixedSubmit')}
          </Button>
        </div>
      )}
      {confirm.isError && (
        <p className="form-error" role="alert">
          {errorMessage(confirm.error, t('common.networkError'))}
        </p>
      )}
    </section>
  );
}

function RateForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const rate = useRateMyRequest(id);
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ score?: string; comment?: string }>({});

  const submit = () => {
    const e: typeof errors = {};
    if (!score) e.score = t('request.scoreRequired');
    if (comment.trim().length > MAX_COMMENT) e.comment = t('request.commentTooLong');
    setErrors(e);
    if (e.score || e.comment || !score) return;
    rate.mutate(
      { score, comment: comment.trim() || undefined },
      { onSuccess: () => Toast.show({ icon: 'success', content: t('request.rated') }) },
    );
  };

  return (
    <section className="card callback" data-testid="rating-section">
      <h2 className="section-title">{t('request.rateTitle')}</h2>
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
      <Button block color="primary" size="large" loading={rate.isPending} onClick={submit} data-testid="rating-submit">
        {t('request.submitRating')}
      </Button>
    </section>
  );
}
