import { Button, Dialog, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type MyOpenDay, useMyOpenDays, useRegisterMyOpenDay } from '../../api/openDays';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { formatDateTime } from '../../lib/format';
import { uuid } from '../../lib/uuid';
import './openDays.css';

const hhmm = (iso: string) => formatDateTime(iso).slice(11, 16);

/** One open day: when and where, my registration (or the button to register), my suggestions and their answers. */
function OpenDayCard({ day }: { day: MyOpenDay }) {
  const { t } = useTranslation();
  const register = useRegisterMyOpenDay();
  // one key per card: a double tap or a retry after a lost answer registers once
  const [key] = useState(uuid);
  const onRegister = async () => {
    const ok = await Dialog.confirm({ content: t('openDays.registerConfirm', { title: day.title }) });
    if (!ok) return;
    register.mutate(
      { id: day.id, key },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('openDays.done') }),
        onError: (e) => Toast.show({ icon: 'fail', content: isApiError(e) ? e.message : t('common.loadFailed') }),
      },
    );
  };
  return (
    <section className="card open-day" data-testid="open-day-card" data-open-day-id={day.id}>
      <header className="open-day-head">
        <div className="home-card-title">{day.title}</div>
        <Tag color={day.status === 'planned' ? 'primary' : 'default'}>{t(`openDays.statuses.${day.status}`)}</Tag>
      </header>
      <div className="muted">{day.projectName}</div>
      <div>{t('openDays.when', { date: day.heldOn, from: hhmm(day.startsAt), to: hhmm(day.endsAt) })}</div>
      {day.location && <div className="muted">{day.location}</div>}
      <div className="open-day-actions">
        {day.registered ? (
          <Tag color="success" data-testid="open-day-registered">
            {day.checkedIn ? t('openDays.checkedIn') : t('openDays.registered')}
          </Tag>
        ) : day.status === 'planned' && day.placesLeft === 0 ? (
          <Tag color="default">{t('openDays.full')}</Tag>
        ) : null}
        {day.placesLeft !== null && day.status === 'planned' && day.placesLeft > 0 && (
          <span className="muted">{t('openDays.placesLeft', { count: day.placesLeft })}</span>
        )}
        {day.canRegister && (
          <Button
            color="primary"
            size="small"
            loading={register.isPending}
            onClick={onRegister}
            data-testid="open-day-register"
          >
            {t('openDays.register')}
          </Button>
        )}
      </div>
      {day.mySuggestions.length > 0 && (
        <div className="open-day-suggestions">
          <div className="section-title">{t('openDays.mySuggestions')}</div>
          <ul>
            {day.mySuggestions.map((s) => (
              <li key={s.id} data-testid="open-day-suggestion" data-answered={s.answer ? 'yes' : 'no'}>
                <p>{s.content}</p>
                {s.answer ? (
                  <p className="open-day-answer" data-testid="open-day-answer">
                    {`${t('openDays.answer')}${t('common.colon')}${s.answer}`}
                  </p>
                ) : (
                  <p className="muted">{t('openDays.waiting')}</p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Site open days: the coming open days of my projects with registration, and my suggestions with their answers. */
export function OpenDaysPage() {
  const { t } = useTranslation();
  const days = useMyOpenDays();
  const body = () => {
    if (days.isPending) return <PageSkeleton rows={6} />;
    if (days.isError) return <ErrorState error={days.error} onRetry={() => void days.refetch()} />;
    if (days.data.length === 0) return <EmptyState title={t('openDays.empty')} description={t('openDays.emptyHint')} />;
    return (
      <div className="open-day-list" data-testid="open-day-list">
        {days.data.map((day) => (
          <OpenDayCard key={day.id} day={day} />
        ))}
      </div>
    );
  };
  return (
    <div className="page page-detail" data-testid="open-days-page">
      <PageNav title={t('openDays.title')} fallback="/" />
      <p className="page-note open-days-intro">{t('openDays.intro')}</p>
      <PullToRefresh onRefresh={() => days.refetch().then(() => undefined)}>{body()}</PullToRefresh>
    </div>
  );
}
