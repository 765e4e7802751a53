import type { TicketType } from '@anju/contracts';
import { Grid, NoticeBar } from 'antd-mobile';
import { ChatAddOutline, EditSOutline, FrownOutline, LikeOutline, MessageOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useMyHomes } from '../../api/homes';
import { useMyProfile } from '../../api/me';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/PageSkeleton';
import { BenefitsEntry } from './BenefitsEntry';
import { ClubEntry } from './ClubEntry';
import { DisclosureEntry } from './DisclosureEntry';
import { EventsEntry } from './EventsEntry';
import { HandoverEntry } from './HandoverEntry';
import { HomeCard } from './HomeCard';
import { HomeCareEntry } from './HomeCareEntry';
import { JourneyEntry } from './JourneyEntry';
import { OpenDaysEntry } from './OpenDaysEntry';
import { ServicesEntry } from './ServicesEntry';
import { SurveysEntry } from './SurveysEntry';

const QUICK: { type: TicketType; icon: ReactNode; to: string }[] = [
  { type: 'repair', icon: <EditSOutline />, to: '/report/repair' },
  { type: 'consultation', icon: <MessageOutline />, to: '/report/consultation' },
  { type: 'complaint', icon: <FrownOutline />, to: '/report/complaint' },
  { type: 'suggestion', icon: <ChatAddOutline />, to: '/report/suggestion' },
  { type: 'praise', icon: <LikeOutline />, to: '/report/praise' },
];

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const profile = useMyProfile().data;
  const homes = useMyHomes();

  return (
    <div className="page">
      <header className="page-hero">
        <h1>{profile?.name ? t('home.greeting', { name: profile.name }) : t('home.greetingAnonymous')}</h1>
      </header>
      {profile && profile.unreadUpdates > 0 && (
        <Link to="/requests" className="notice-link">
          <NoticeBar content={t('home.unreadUpdates', { count: profile.unreadUpdates })} color="alert" />
        </Link>
      )}
      {profile && profile.unreadNotices > 0 && (
        <Link to="/notices" className="notice-link">
          <NoticeBar content={t('home.unreadNotices', { count: profile.unreadNotices })} color="info" />
        </Link>
      )}

      <section className="section" aria-labelledby="quick-title">
        <h2 id="quick-title" className="section-title">
          {t('home.quick')}
        </h2>
        <Grid columns={5} gap={4} className="quick-grid">
          {QUICK.map((q) => (
            <Grid.Item key={q.type}>
              <button
                type="button"
                className="quick-item"
                onClick={() => navigate(q.to)}
                data-testid={`quick-${q.type}`}
              >
                <span className="quick-icon" aria-hidden>
                  {q.icon}
                </span>
                <span>{t(`enums.ticketType.${q.type}`)}</span>
              </button>
            </Grid.Item>
          ))}
        </Grid>
      </section>

      <section className="section" aria-label={t('journey.title')}>
        <SurveysEntry />
        <JourneyEntry />
        <DisclosureEntry />
        <HandoverEntry />
        <OpenDaysEntry />
        <ClubEntry />
        <EventsEntry />
        <BenefitsEntry />
        <ServicesEntry />
        <HomeCareEntry />
      </section>

      <section className="section" aria-labelledby="homes-title">
        <h2 id="homes-title" className="section-title">
          {t('home.myHomes')}
        </h2>
        {homes.isPending ? (
          <PageSkeleton rows={3} />
        ) : homes.isError ? (
          <ErrorState error={homes.error} onRetry={() => void homes.refetch()} />
        ) : homes.data.length === 0 ? (
          <EmptyState title={t('home.noHomes')} description={t('home.noHomesHint')} />
        ) : (
          <ul className="card-list" data-testid="home-list">
            {homes.data.map((home) => (
              <li key={home.unitId}>
                <HomeCard home={home} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
