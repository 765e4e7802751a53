import { Button, Selector, Toast } from 'antd-mobile';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useMyHomes } from '../../api/homes';
import { useCreateMyRequest } from '../../api/requests';
import { errorMessage } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PhotoUploader, photoIds, type UploadedPhoto, type UploadState } from '../../components/PhotoUploader';
import { FieldFrame, TextAreaField } from '../../components/TextField';
import { uuid } from '../../lib/uuid';
import { NotFoundPage } from '../NotFoundPage';

const TYPES = ['consultation', 'complaint', 'suggestion', 'praise'] as const;
type FeedbackType = (typeof TYPES)[number];
const isFeedbackType = (v: string | undefined): v is FeedbackType => TYPES.includes(v as FeedbackType);
const MAX_TEXT = 2000;

/** Consultation / complaint / suggestion / praise: a description, optional photos, optionally which home. */
export function FeedbackPage() {
  const { type } = useParams();
  if (!isFeedbackType(type)) return <NotFoundPage />;
  return <FeedbackForm key={type} type={type} />;
}

function FeedbackForm({ type }: { type: FeedbackType }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const homes = useMyHomes();
  const create = useCreateMyRequest();
  // one key per draft: retries and double taps reuse it
  const [idempotencyKey, setIdempotencyKey] = useState(uuid);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [upload, setUpload] = useState<UploadState>({ pending: 0, failed: 0 });
  const [errors, setErrors] = useState<{ text?: string; photos?: string }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const e: typeof errors = {};
    if (!text.trim()) e.text = t('feedback.descriptionRequired');
    else if (text.trim().length > MAX_TEXT) e.text = t('feedback.descriptionTooLong');
    if (upload.pending) e.photos = t('repair.photosPending');
    else if (upload.failed) e.photos = t('repair.photosFailed');
    setErrors(e);
    if (e.text || e.photos) return;
    create.mutate(
      { body: { type, unitId, description: text.trim(), photoIds: photoIds(photos) }, idempotencyKey },
      {
        onSuccess: (res) => {
          Toast.show({ icon: 'success', content: t('feedback.submitted') });
          const first = res.items[0];
          navigate(first ? `/requests/${first.id}` : '/requests', { replace: true });
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'IDEMPOTENCY_KEY_REUSED') setIdempotencyKey(uuid());
        },
      },
    );
  };

  const typeName = t(`enums.ticketType.${type}`);
  return (
    <div className="page page-detail">
      <PageNav title={typeName} fallback="/report" />
      <form className="form" onSubmit={onSubmit} noValidate data-testid={`feedback-${type}`}>
        {homes.data && homes.data.length > 1 && (
          <FieldFrame label={t('feedback.home')} hint={t('feedback.homeOptional')} labelId="feedback-home-label">
            <Selector
              columns={1}
              options={homes.data.map((h) => ({ label: `${h.projectName} ${h.unitCode}`, value: h.unitId }))}
              value={unitId ? [unitId] : []}
              onChange={(v) => setUnitId(v[0])}
              aria-labelledby="feedback-home-label"
              data-testid="feedback-home"
            />
          </FieldFrame>
        )}
        <TextAreaField
          label={t('feedback.description')}
          placeholder={t(`feedback.placeholder.${type}`)}
          value={text}
          maxLength={MAX_TEXT}
          rows={6}
          onChange={(e) => setText(e.target.value)}
          error={errors.text}
          data-testid="feedback-description"
        />
        <FieldFrame label={t('feedback.photos')} error={errors.photos} hint={t('repair.photosHint')}>
          <PhotoUploader value={photos} onChange={setPhotos} onStateChange={setUpload} testId="feedback-photos" />
        </FieldFrame>
        {create.isError && (
          <p className="form-error" role="alert">
            {isApiError(create.error) && create.error.code === 'IDEMPOTENCY_KEY_REUSED'
              ? t('repair.keyReused')
              : errorMessage(create.error, t('common.networkError'))}
          </p>
        )}
        <Button
          type="submit"
          block
          size="large"
          color="primary"
          loading={create.isPending}
          data-testid="feedback-submit"
        >
          {create.isError ? t('common.retry') : t('feedback.submit')}
        </Button>
      </form>
    </div>
  );
}
