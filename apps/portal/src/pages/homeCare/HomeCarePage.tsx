import { PullToRefresh, SearchBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHomeCare } from '../../api/homeCare';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { HomeCareCard } from './HomeCareCard';
import '../openDays/openDays.css';

/** Home care (家居保养): the owner-facing standard problems for my homes, searchable by words. */
export function HomeCarePage() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 400);
    return () => clearTimeout(timer);
  }, [typed]);
  const articles = useHomeCare(q, '', { limit: 20 });

  const body = () => {
    if (articles.isPending) return <PageSkeleton rows={6} />;
    if (articles.isError) return <ErrorState error={articles.error} onRetry={() => void articles.refetch()} />;
    if (articles.data.length === 0) return <EmptyState title={t('homeCare.empty')} />;
    return (
      <div className="card-list">
        {articles.data.map((a) => (
          <HomeCareCard key={a.id} article={a} />
        ))}
      </div>
    );
  };

  return (
    <div className="page page-detail">
      <PageNav title={t('homeCare.title')} fallback="/" />
      <div style={{ padding: '8px 12px' }}>
        <SearchBar
          placeholder={t('homeCare.search')}
          value={typed}
          onChange={setTyped}
          data-testid="home-care-search"
        />
      </div>
      <PullToRefresh onRefresh={async () => void (await articles.refetch())}>{body()}</PullToRefresh>
    </div>
  );
}
