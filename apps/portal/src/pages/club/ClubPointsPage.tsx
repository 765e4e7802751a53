import { Button, DotLoading, InfiniteScroll, PullToRefresh } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { pageItems } from '../../api/client';
import { useMyPoints } from '../../api/club';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { formatDateTime } from '../../lib/format';
import './club.css';

const SOURCES = [
  'purchase',
  'referral_purchase',
  'survey_answered',
  'event_attendance',
  'lecture_attendance',
  'benefit',
  'expiry',
  'reversal',
  'adjustment',
] as const;
type Source = (typeof SOURCES)[number] | 'other';
const sourceOf = (s: string): Source => ((SOURCES as readonly string[]).includes(s) ? (s as Source) : 'other');

/** My points ledger, newest first, in owner words; more pages load as I scroll or tap. */
export function ClubPointsPage() {
  const { t } = useTranslation();
  const query = useMyPoints();
  const items = pageItems(query.data?.pages);
  const first = query.data?.pages[0];
  const body = () => {
    if (query.isPending) return <PageSkeleton rows={8} />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    if (items.length === 0) return <EmptyState title={t('club.points.empty')} />;
    return (
      <div className="club-list" data-testid="club-points-list">
        {items.map((e) => (
          <section key={e.id} className="card open-day" data-testid="club-points-entry">
            <header className="open-day-head">
              <span className="home-card-title">{t(`club.points.sources.${sourceOf(e.sourceType)}`)}</span>
              <span className={e.points >= 0 ? 'club-points-plus' : 'club-points-minus'}>
                {e.points > 0 ? `+${e.points}` : e.points}
              </span>
            </header>
            <div className="muted">
              {t(`club.points.kinds.${e.kind}`)} · {formatDateTime(e.at)} ·{' '}
              {t('club.points.after', { balance: e.balanceAfter })}
            </div>
          </section>
        ))}
        <InfiniteScroll
          hasMore={Boolean(query.hasNextPage)}
          loadMore={async () => {
            await query.fetchNextPage({ throwOnError: true });
          }}
        >
          {(hasMore, failed, retry) =>
            failed ? (
              <Button size="small" fill="none" color="primary" onClick={retry}>
                {t('common.loadFailed')} · {t('common.retry')}
              </Button>
            ) : hasMore ? (
              <Button size="small" fill="none" onClick={() => void query.fetchNextPage()} data-testid="load-more">
                {query.isFetchingNextPage ? <DotLoading /> : t('common.loadMore')}
              </Button>
            ) : (
              <span className="muted">{t('common.noMore')}</span>
            )
          }
        </InfiniteScroll>
      </div>
    );
  };
  return (
    <div className="page page-detail" data-testid="club-points-page">
      <PageNav title={t('club.points.title')} fallback="/club" />
      {first && (
        <p className="page-note open-days-intro" data-testid="club-points-balance">
          {t('club.balance')} {first.balance} · {t('club.lifetime')} {first.lifetimePoints}
        </p>
      )}
      <PullToRefresh onRefresh={() => query.refetch().then(() => undefined)}>{body()}</PullToRefresh>
    </div>
  );
}
