import type { MyRequest } from '@anju/contracts';
import { List, PullToRefresh } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useDefectCategories } from '../../api/categories';
import { isApiError } from '../../api/client';
import { useMyRequest } from '../../api/requests';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { PhotoGrid } from '../../components/PhotoGrid';
import { StageTag } from '../../components/StageTag';
import { useBilingual, useLanguage } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { fromNow } from '../../lib/relative';
import { useRequestTitle } from '../../lib/requestTitle';
import { ConfirmAndRate } from './ConfirmAndRate';
import { RequestTimeline } from './RequestTimeline';

/** Who holds it now, what happens next and by when — the answer to "kicked from desk to desk". */
function WhereItStands({ request }: { request: MyRequest }) {
  const { t } = useTranslation();
  const titleOf = useRequestTitle();
  const categories = useDefectCategories();
  const lang = useLanguage();
  const open = request.stage !== 'completed' && request.stage !== 'cancelled';
  return (
    <section className="card request-status" aria-label={t('request.stage')}>
      <div className="request-row-head">
        <span className="request-number" data-testid="request-detail-number">
          {request.number}
        </span>
        <span className="spacer" />
        <StageTag stage={request.stage} />
      </div>
      <h1 className="request-title">{titleOf(request, categories.data)}</h1>
      <p className="request-stage" data-testid="request-stage" data-stage={request.stage}>
        {t('request.stage')}
        {t('common.colon')}
        <strong>{t(`enums.stage.${request.stage}`)}</strong>
      </p>
      {open && (
        <p data-testid="request-holder">
          {t('request.holder')}
          {t('common.colon')}
          {request.holder ?? t('request.holderUnknown')}
        </p>
      )}
      {open && request.nextStage && (
        <p data-testid="request-next">
          {t('request.next')}
          {t('common.colon')}
          {request.dueBy
            ? t('request.nextBy', { stage: t(`enums.stage.${request.nextStage}`), time: formatDateTime(request.dueBy) })
            : t(`enums.stage.${request.nextStage}`)}
          {request.dueBy && (
            <span className="muted">{t('request.dueIn', { relative: fromNow(request.dueBy, lang) })}</span>
          )}
        </p>
      )}
      {request.stage === 'on_hold' && request.holdReason && (
        <p className="warning-text">{t('request.onHold', { reason: request.holdReason })}</p>
      )}
      {request.stage === 'on_hold' && request.resumeOn && (
        <p className="muted">{t('request.resumeOn', { date: formatDate(request.resumeOn) })}</p>
      )}
    </section>
  );
}

function Details({ request }: { request: MyRequest }) {
  const { t } = useTranslation();
  const name = useBilingual();
  const categories = useDefectCategories();
  const category = categories.data?.find((c) => c.code === request.categoryCode);
  const warranty =
    request.warrantyStatus === 'in'
      ? t('request.warrantyIn', { date: formatDate(request.warrantyUntil) })
      : request.warrantyStatus === 'out'
        ? t('request.warrantyOut')
        : request.warrantyStatus === 'unknown'
          ? t('request.warrantyUnknown')
          : null;
  const place = [request.room ? t(`enums.room.${request.room}`) : null, request.location].filter(Boolean).join(' · ');
  return (
    <List className="section-list">
      {request.unitCode && (
        <List.Item extra={[request.projectName, request.unitCode].filter(Boolean).join(' ')}>
          {t('request.home')}
        </List.Item>
      )}
      {place && <List.Item extra={place}>{t('request.room')}</List.Item>}
      {request.categoryCode && (
        <List.Item extra={category ? name(category) : request.categoryCode}>{t('request.category')}</List.Item>
      )}
      {warranty && (
        <List.Item extra={warranty} data-testid="request-warranty">
          {t('request.warranty')}
        </List.Item>
      )}
      <List.Item description={<span className="pre-wrap">{request.description}</span>}>
        {t('request.description')}
      </List.Item>
      {request.resolution && (
        <List.Item
          description={<span className="pre-wrap">{request.resolution}</span>}
          data-testid="request-resolution"
        >
          {t('request.resolution')}
        </List.Item>
      )}
    </List>
  );
}

export function RequestDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useMyRequest(id);

  const body = () => {
    if (query.isPending) return <PageSkeleton rows={10} />;
    if (query.isError) {
      if (isApiError(query.error) && query.error.status === 404) return <EmptyState title={t('requests.notFound')} />;
      return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    }
    const request = query.data;
    return (
      <PullToRefresh onRefresh={() => query.refetch().then(() => undefined)}>
        <div data-testid="request-detail" data-request-id={request.id}>
          <WhereItStands request={request} />
          <ConfirmAndRate request={request} />
          <Details request={request} />
          {request.photos.length > 0 && (
            <section className="section">
              <h2 className="section-title">{t('request.photos')}</h2>
              <PhotoGrid photos={request.photos} label={t('request.photos')} testId="request-photos" />
            </section>
          )}
          <section className="section">
            <h2 className="section-title">{t('request.timeline')}</h2>
            <RequestTimeline events={request.events} />
          </section>
        </div>
      </PullToRefresh>
    );
  };

  return (
    <div className="page page-detail">
      <PageNav title={t('request.title')} fallback="/requests" />
      {body()}
    </div>
  );
}
