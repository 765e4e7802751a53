import { Button, Dialog, PullToRefresh, Rate, Selector, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  type MyService,
  type MyServiceRequest,
  useCancelMyServiceRequest,
  useMyServiceRequests,
  useMyServices,
  useRateMyServiceRequest,
  useRequestMyService,
} from '../../api/services';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { formatDateTime } from '../../lib/format';
import '../openDays/openDays.css';

const STEP_STATUS = { done: 'finish', in_progress: 'process', to_come: 'wait', cancelled: 'error' } as const;

function useFailed() {
  const { t } = useTranslation();
  return (e: unknown) => Toast.show({ icon: 'fail', content: isApiError(e) ? e.message : t('common.loadFailed') });
}

/** One service I can book: its words, fee, and booking for one of my homes with a note. */
function ServiceCard({ service }: { service: MyService }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const request = useRequestMyService();
  const failed = useFailed();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState(service.homes[0]?.unitId ?? '');
  const [note, setNote] = useState('');
  const name = en ? service.nameEn : service.nameZh;
  const fee =
    service.feeFen === null
      ? t('services.free')
      : (en ? service.feeTextEn : service.feeTextZh) || `¥${(service.feeFen / 100).toFixed(2)}`;
  const submit = () =>
    request.mutate(
      { id: service.id, unitId, note },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('services.booked') });
          setOpen(false);
          setNote('');
        },
        onError: failed,
      },
    );
  return (
    <section className="card open-day" data-testid="service-card" data-service-code={service.code}>
      <header className="open-day-head">
        <div className="home-card-title">{name}</div>
        {service.membersOnly && <Tag color="warning">{t('services.membersOnly')}</Tag>}
      </header>
      <p className="muted">{en ? service.descriptionEn : service.descriptionZh}</p>
      <div className="muted">{fee}</div>
      <div className="muted">{service.steps.map((s) => (en ? s.nameEn : s.nameZh)).join(' → ')}</div>
      {open ? (
        <div className="open-day-actions" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
          {service.homes.length > 1 && (
            <Selector
              columns={1}
              value={[unitId]}
              onChange={(v) => v[0] && setUnitId(v[0])}
              options={service.homes.map((h) => ({ value: h.unitId, label: `${h.projectName ?? ''} ${h.unitCode}` }))}
            />
          )}
          <TextArea placeholder={t('services.note')} value={note} onChange={setNote} rows={2} maxLength={500} />
          <Button color="primary" loading={request.isPending} onClick={submit} data-testid="service-book-confirm">
            {t('services.book')}
          </Button>
        </div>
      ) : (
        <div className="open-day-actions">
          <Button color="primary" size="small" onClick={() => setOpen(true)} data-testid="service-book">
            {t('services.book')}
          </Button>
        </div>
      )}
    </section>
  );
}

/** One of my requests: each step in my words and its state, cancel while open, rate once done. */
function RequestCard({ request }: { request: MyServiceRequest }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const cancel = useCancelMyServiceRequest();
  const rate = useRateMyServiceRequest();
  const failed = useFailed();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const onCancel = async () => {
    let reason = '';
    const ok = await Dialog.confirm({
      content: <TextArea placeholder={t('services.cancelReason')} onChange={(v) => (reason = v)} rows={2} />,
    });
    if (!ok || !reason.trim()) return;
    cancel.mutate(
      { id: request.id, reason: reason.trim() },
      { onSuccess: () => Toast.show({ content: t('services.cancelled') }), onError: failed },
    );
  };
  return (
    <section className="card open-day" data-testid="service-request" data-number={request.number}>
      <header className="open-day-head">
        <div className="home-card-title">{en ? request.serviceNameEn : request.serviceNameZh}</div>
        <Tag color={request.status === 'done' ? 'success' : request.status === 'open' ? 'primary' : 'default'}>
          {t(`services.statuses.${request.status}`)}
        </Tag>
      </header>
      <div className="muted">
        {request.number} {request.unitCode ?? ''} · {formatDateTime(request.createdAt)}
      </div>
      <Steps direction="vertical">
        {request.steps.map((s) => (
          <Steps.Step
            key={`${s.nameZh}-${s.nameEn}`}
            status={STEP_STATUS[s.state]}
            title={`${en ? s.nameEn : s.nameZh} · ${t(`services.states.${s.state}`)}`}
            description={
              <span data-testid="service-step" data-state={s.state}>
                {en ? s.ownerTextEn : s.ownerTextZh}
                {s.doneAt ? ` (${formatDateTime(s.doneAt).slice(0, 10)})` : ''}
                {s.ownerNote ? ` ${s.ownerNote}` : ''}
              </span>
            }
          />
        ))}
      </Steps>
      {request.rating !== null && <div className="muted">{t('services.yourRating', { score: request.rating })}</div>}
      {request.canRate && (
        <div className="open-day-actions" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
          <div>{t('services.rateTitle')}</div>
          <Rate value={score} onChange={setScore} />
          <TextArea
            placeholder={t('services.comment')}
            value={comment}
            onChange={setComment}
            rows={2}
            maxLength={500}
          />
          <Button
            color="primary"
            disabled={score < 1}
            loading={rate.isPending}
            data-testid="service-rate"
            onClick={() =>
              rate.mutate(
                { id: request.id, score, comment },
                { onSuccess: () => Toast.show({ icon: 'success', content: t('services.rated') }), onError: failed },
              )
            }
          >
            {t('services.rate')}
          </Button>
        </div>
      )}
      {request.canCancel && (
        <div className="open-day-actions">
          <Button size="small" loading={cancel.isPending} onClick={onCancel} data-testid="service-cancel">
            {t('services.cancel')}
          </Button>
        </div>
      )}
    </section>
  );
}

/** Value-added services: what I can book for my homes, and my requests step by step. */
export function ServicesPage() {
  const { t } = useTranslation();
  const offered = useMyServices();
  const mine = useMyServiceRequests();
  const body = () => {
    if (offered.isPending || mine.isPending) return <PageSkeleton rows={6} />;
    if (offered.isError) return <ErrorState error={offered.error} onRetry={() => void offered.refetch()} />;
    if (mine.isError) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
    return (
      <>
        <h2 className="section-title">{t('services.mine')}</h2>
        {mine.data.length === 0 ? (
          <p className="muted">{t('services.noRequests')}</p>
        ) : (
          <div className="open-day-list" data-testid="service-requests">
            {mine.data.map((r) => (
              <RequestCard key={r.id} request={r} />
            ))}
          </div>
        )}
        <h2 className="section-title">{t('services.offered')}</h2>
        {offered.data.length === 0 ? (
          <EmptyState title={t('services.empty')} description={t('services.emptyHint')} />
        ) : (
          <div className="open-day-list" data-testid="service-list">
            {offered.data.map((s) => (
              <ServiceCard key={s.id} service={s} />
            ))}
          </div>
        )}
      </>
    );
  };
  return (
    <div className="page page-detail" data-testid="services-page">
      <PageNav title={t('services.title')} fallback="/" />
      <p className="page-note open-days-intro">{t('services.intro')}</p>
      <PullToRefresh onRefresh={() => Promise.all([offered.refetch(), mine.refetch()]).then(() => undefined)}>
        {body()}
      </PullToRefresh>
    </div>
  );
}
