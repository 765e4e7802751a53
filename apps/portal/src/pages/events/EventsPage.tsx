import { Button, Dialog, PullToRefresh, Tag, Toast } from 'antd-mobile';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type MyEvent, useCancelMyEvent, useMyEvents, useRegisterMyEvent } from '../../api/events';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { formatDateTime } from '../../lib/format';
import { uuid } from '../../lib/uuid';
import '../openDays/openDays.css';
import './events.css';

const hhmm = (iso: string) => formatDateTime(iso).slice(11, 16);

/** The registration's check-in code as a QR image (drawn in the browser; the code also shows as text). */
function CheckInQr({ code }: { code: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(code, { margin: 1, width: 200 })
      .then((url) => alive && setSrc(url))
      .catch(() => alive && setSrc(null));
    return () => {
      alive = false;
    };
  }, [code]);
  return (
    <div className="event-qr" data-testid="event-qr">
      {src && <img src={src} alt={t('events.checkInCode')} width={200} height={200} data-testid="event-qr-image" />}
      <div className="event-code" data-testid="event-code">
        {`${t('events.checkInCode')}${t('common.colon')}${code}`}
      </div>
      <div className="muted">{t('events.showAtDoor')}</div>
    </div>
  );
}

/** One event: when and where, my registration with its QR code (or the button to register), cancelling. */
function EventCard({ event }: { event: MyEvent }) {
  const { t } = useTranslation();
  const register = useRegisterMyEvent();
  const cancel = useCancelMyEvent();
  // one key per card: a double tap or a retry after a lost answer registers once
  const [key] = useState(uuid);
  const failed = (e: unknown) =>
    Toast.show({ icon: 'fail', content: isApiError(e) ? e.message : t('common.loadFailed') });
  const onRegister = async () => {
    if (!(await Dialog.confirm({ content: t('events.registerConfirm', { title: event.title }) }))) return;
    register.mutate(
      { id: event.id, key },
      {
        onSuccess: (r) =>
          Toast.show({
            icon: 'success',
            content: t(r.registration?.status === 'waitlisted' ? 'events.waitlistedDone' : 'events.done'),
          }),
        onError: failed,
      },
    );
  };
  const reg = event.registration;
  const onCancel = async () => {
    if (!reg || !(await Dialog.confirm({ content: t('events.cancelConfirm') }))) return;
    cancel.mutate(
      { id: event.id, registrationId: reg.id },
      { onSuccess: () => Toast.show({ content: t('events.cancelled') }), onError: failed },
    );
  };
  const day = formatDateTime(event.startsAt).slice(0, 10);
  return (
    <section className="card open-day" data-testid="event-card" data-event-id={event.id}>
      <header className="open-day-head">
        <div className="home-card-title">{event.title}</div>
        <Tag color="primary">
          {t(`events.kinds.${event.kind}`)}
          {event.ageGroup ? ` · ${t(`events.ageGroups.${event.ageGroup}`)}` : ''}
        </Tag>
      </header>
      {event.orgUnitName && <div className="muted">{event.orgUnitName}</div>}
      <div>{t('events.when', { date: day, from: hhmm(event.startsAt), to: hhmm(event.endsAt) })}</div>
      {event.venue && <div className="muted">{event.venue}</div>}
      {event.description && <p className="event-description">{event.description}</p>}
      <div className="open-day-actions">
        {reg ? (
          <Tag color={reg.checkedInAt ? 'success' : reg.status === 'waitlisted' ? 'warning' : 'primary'}>
            {reg.checkedInAt ? t('events.checkedIn') : t(`events.registrationStatuses.${reg.status}`)}
          </Tag>
        ) : event.status === 'cancelled' ? (
          <Tag color="default">{t('events.statuses.cancelled')}</Tag>
        ) : event.placesLeft > 0 ? (
          <span className="muted">{t('events.placesLeft', { count: event.placesLeft })}</span>
        ) : (
          <Tag color="default">{t('events.full')}</Tag>
        )}
        {event.canRegister && (
          <Button
            color="primary"
            size="small"
            loading={register.isPending}
            onClick={onRegister}
            data-testid="event-register"
          >
            {event.placesLeft > 0 ? t('events.register') : t('events.joinWaitlist')}
          </Button>
        )}
        {reg && !reg.checkedInAt && event.status === 'scheduled' && (
          <Button size="small" loading={cancel.isPending} onClick={onCancel} data-testid="event-cancel">
            {t('events.cancel')}
          </Button>
        )}
      </div>
      {reg?.status === 'registered' && !reg.checkedInAt && <CheckInQr code={reg.checkInCode} />}
    </section>
  );
}

/** Club events: the events open to me with registration, and my registrations with their check-in QR code. */
export function EventsPage() {
  const { t } = useTranslation();
  const events = useMyEvents();
  const body = () => {
    if (events.isPending) return <PageSkeleton rows={6} />;
    if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
    if (events.data.length === 0) return <EmptyState title={t('events.empty')} description={t('events.emptyHint')} />;
    return (
      <div className="open-day-list" data-testid="event-list">
        {events.data.map((e) => (
          <EventCard key={e.id} event={e} />
        ))}
      </div>
    );
  };
  return (
    <div className="page page-detail" data-testid="events-page">
      <PageNav title={t('events.title')} fallback="/" />
      <p className="page-note open-days-intro">{t('events.intro')}</p>
      <PullToRefresh onRefresh={() => events.refetch().then(() => undefined)}>{body()}</PullToRefresh>
    </div>
  );
}
