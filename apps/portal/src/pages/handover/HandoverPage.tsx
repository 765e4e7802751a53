import { Button, Dialog, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type MyHandoverHome, useBookMyHandoverSlot, useMyHandoverSlots } from '../../api/handover';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { formatDateTime } from '../../lib/format';

/** `2026-12-19 09:00–11:00` in China time. */
const slotText = (startsAt: string | null, endsAt: string | null) =>
  startsAt && endsAt ? `${formatDateTime(startsAt)}–${formatDateTime(endsAt).slice(11, 16)}` : '';

/** One home: my booking (or none) and the slots to book or change to; once checked in, the way to the inspection. */
function HandoverHome({ home }: { home: MyHandoverHome }) {
  const { t } = useTranslation();
  const book = useBookMyHandoverSlot();
  const a = home.appointment;
  const onBook = async (slotId: string, text: string) => {
    if (!(await Dialog.confirm({ content: t('handover.confirm', { slot: text }) }))) return;
    book.mutate(
      { unitId: home.unitId, slotId },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('handover.booked') }),
        onError: (e) => Toast.show({ icon: 'fail', content: isApiError(e) ? e.message : t('common.loadFailed') }),
      },
    );
  };
  return (
    <section className="card" data-testid="handover-home" data-unit-id={home.unitId}>
      <div className="home-card-title">
        {home.projectName} {home.unitCode}
      </div>
      <div className="section-title">{t('handover.myBooking')}</div>
      {a ? (
        <div data-testid="handover-booking">
          <Tag color={a.status === 'signed' ? 'success' : 'primary'} data-testid="handover-status">
            {t(`handover.statuses.${a.status}`)}
          </Tag>{' '}
          {slotText(a.startsAt, a.endsAt)}
        </div>
      ) : (
        <p className="muted">{t('handover.notBooked')}</p>
      )}
      {a && ['checked_in', 'signed', 'refused'].includes(a.status) && (
        <Link to={`/handover/${home.unitId}/inspection`} data-testid="handover-see-inspection">
          {t('handover.seeInspection')}
        </Link>
      )}
      {home.canBook && home.slots.length > 0 && (
        <>
          <div className="section-title">{t('handover.pick')}</div>
          <ul className="card-list">
            {home.slots.map((s) => {
              const text = slotText(s.startsAt, s.endsAt);
              const mine = a?.slotId === s.id && a.status === 'booked';
              return (
                <li key={s.id} className="open-day-actions" data-testid="handover-slot">
                  <span>{text}</span>
                  <span className="muted">
                    {s.available > 0 ? t('handover.placesLeft', { count: s.available }) : t('handover.full')}
                  </span>
                  {!mine && s.available > 0 && (
                    <Button
                      size="small"
                      color="primary"
                      loading={book.isPending && book.variables?.slotId === s.id}
                      onClick={() => void onBook(s.id, text)}
                      data-testid="handover-book"
                    >
                      {a ? t('handover.change') : t('handover.book')}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

/** Book my handover: for each of my homes with a handover day, my slot and the ones to book or change to. */
export function HandoverPage() {
  const { t } = useTranslation();
  const homes = useMyHandoverSlots();
  const body = () => {
    if (homes.isPending) return <PageSkeleton rows={6} />;
    if (homes.isError) return <ErrorState error={homes.error} onRetry={() => void homes.refetch()} />;
    if (homes.data.length === 0)
      return <EmptyState title={t('handover.empty')} description={t('handover.emptyHint')} />;
    return (
      <div className="card-list">
        {homes.data.map((home) => (
          <HandoverHome key={home.unitId} home={home} />
        ))}
      </div>
    );
  };
  return (
    <div className="page page-detail" data-testid="handover-page">
      <PageNav title={t('handover.title')} fallback="/" />
      <p className="page-note">{t('handover.intro')}</p>
      <PullToRefresh onRefresh={() => homes.refetch().then(() => undefined)}>{body()}</PullToRefresh>
    </div>
  );
}
