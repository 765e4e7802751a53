import { Button, Dialog, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type MyMembership, useJoinClub, useMyMembership } from '../../api/club';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QrCode } from '../../components/QrCode';
import { useLanguage } from '../../i18n';
import './club.css';

type Tier = MyMembership['tiers'][number];

/** A tier's name and charter in the reader's language. */
function useTierText() {
  const lang = useLanguage();
  return (tier: Tier) => ({
    name: lang === 'en-US' ? tier.nameEn : tier.nameZh,
    charter: lang === 'en-US' ? tier.charterEn : tier.charterZh,
  });
}

function TierCharter({ tier, testId }: { tier: Tier; testId?: string }) {
  const { t } = useTranslation();
  const text = useTierText()(tier);
  return (
    <section className="card open-day" data-testid={testId}>
      <header className="open-day-head">
        <div className="home-card-title">{text.name}</div>
        {tier.minPoints !== null && <Tag color="warning">{t('club.join.minPoints', { points: tier.minPoints })}</Tag>}
      </header>
      <p className="club-charter">{text.charter ?? t('club.noCharter')}</p>
    </section>
  );
}

/** Not (or no longer) in the club: what joining gives, the tiers' charters, and the one-tap join. */
function JoinCard({ data }: { data: MyMembership }) {
  const { t } = useTranslation();
  const join = useJoinClub();
  const onJoin = async () => {
    if (!(await Dialog.confirm({ content: t('club.join.confirm', { club: data.clubName || t('club.title') }) })))
      return;
    join.mutate(undefined, {
      onSuccess: () => Toast.show({ icon: 'success', content: t('club.join.done') }),
      onError: (e) => Toast.show({ icon: 'fail', content: isApiError(e) ? e.message : t('common.loadFailed') }),
    });
  };
  return (
    <div className="club-list" data-testid="club-join">
      <section className="card open-day">
        <p>{data.left ? t('club.join.left') : t('club.join.intro')}</p>
        {!data.left && (
          <Button color="primary" block loading={join.isPending} onClick={onJoin} data-testid="club-join-button">
            {t('club.join.button')}
          </Button>
        )}
      </section>
      <h2 className="section-title">{t('club.join.tiersTitle')}</h2>
      {data.tiers.map((tier) => (
        <TierCharter key={tier.code} tier={tier} />
      ))}
    </div>
  );
}

/** My card: the number large with its QR code, tier and charter, points, benefits in sales, ways on. */
function MemberCard({ member }: { member: NonNullable<MyMembership['member']> }) {
  const { t } = useTranslation();
  const text = useTierText();
  const yesNo = (on: boolean) => (on ? <Tag color="success">✓</Tag> : <span className="muted">{t('club.none')}</span>);
  return (
    <div className="club-list" data-testid="club-member">
      <section className="card club-card">
        <div className="muted">{t('club.cardNo')}</div>
        <div className="club-card-no" data-testid="club-card-no">
          {member.cardNo}
        </div>
        <QrCode value={member.cardNo} alt={t('club.cardQr')} testId="club-card-qr" />
        <div className="muted">{t('club.showCard')}</div>
        <div>
          <Tag color="primary" data-testid="club-tier">
            {member.tier ? text(member.tier).name : t('club.noTier')}
          </Tag>{' '}
          <Tag>{t(`club.classes.${member.class}`)}</Tag>
        </div>
      </section>
      <section className="card club-figures">
        <div>
          <div className="club-figure" data-testid="club-balance">
            {member.balance}
          </div>
          <div className="muted">{t('club.balance')}</div>
        </div>
        <div>
          <div className="club-figure">{member.lifetimePoints}</div>
          <div className="muted">{t('club.lifetime')}</div>
        </div>
      </section>
      <section className="card open-day">
        <div className="home-card-title">{t('club.benefitsTitle')}</div>
        <div className="open-day-head">
          <span>{t('club.priorityBooking')}</span>
          {yesNo(member.benefits.priorityBooking)}
        </div>
        <div className="open-day-head">
          <span>{t('club.purchaseDiscount')}</span>
          {yesNo(member.benefits.purchaseDiscount)}
        </div>
      </section>
      <nav className="club-links">
        {(['points', 'benefits', 'events', 'magazine'] as const).map((k) => (
          <Link
            key={k}
            to={k === 'points' || k === 'magazine' ? `/club/${k}` : `/${k}`}
            className="card club-entry"
            data-testid={`club-link-${k}`}
          >
            {t(`club.links.${k}`)}
          </Link>
        ))}
      </nav>
      {member.tier && (
        <>
          <h2 className="section-title">{t('club.charter')}</h2>
          <TierCharter tier={member.tier} testId="club-charter" />
        </>
      )}
    </div>
  );
}

/** The owner's club: my card, or what joining gives and the Join button. */
export function ClubPage() {
  const { t } = useTranslation();
  const query = useMyMembership();
  const body = () => {
    if (query.isPending) return <PageSkeleton rows={6} />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    const { member } = query.data;
    return member ? <MemberCard member={member} /> : <JoinCard data={query.data} />;
  };
  return (
    <div className="page page-detail" data-testid="club-page">
      <PageNav title={query.data?.clubName || t('club.title')} fallback="/" />
      <PullToRefresh onRefresh={() => query.refetch().then(() => undefined)}>{body()}</PullToRefresh>
    </div>
  );
}
