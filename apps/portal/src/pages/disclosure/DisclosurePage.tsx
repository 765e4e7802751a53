import { Button, Dialog, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type MyDisclosureItem, useAcknowledgeMyDisclosure, useMyDisclosure } from '../../api/disclosure';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { formatDate, formatDateTime } from '../../lib/format';
import './disclosure.css';

const AMENITY_COLOR = {
  planned: 'default',
  under_construction: 'primary',
  open: 'success',
  delayed: 'warning',
  cancelled: 'danger',
} as const;

/** The city map: its thumbnail when it is an image (a PDF has none: only the link), opening the original. */
function MapView({ fileId }: { fileId: string }) {
  const { t } = useTranslation();
  const [noThumbnail, setNoThumbnail] = useState(false);
  const href = `/api/portal/files/${fileId}`;
  return (
    <a href={href} target="_blank" rel="noreferrer" className="disclosure-map" data-testid="disclosure-map">
      {!noThumbnail && (
        <img src={`${href}/thumbnail`} alt={t('disclosure.map')} loading="lazy" onError={() => setNoThumbnail(true)} />
      )}
      <span>{t('disclosure.openMap')}</span>
    </a>
  );
}

/** One project's pack: risks nearest first, amenities with their status, the map, and my acknowledgement. */
function DisclosureCard({ item }: { item: MyDisclosureItem }) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledgeMyDisclosure();
  const risks = [...item.risks].sort((a, b) => a.distanceM - b.distanceM);
  const onRead = async () => {
    const ok = await Dialog.confirm({
      content: t('disclosure.confirm', { project: item.projectName, n: item.version }),
    });
    if (!ok) return;
    acknowledge.mutate(
      { projectId: item.projectId, version: item.version },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('disclosure.done') }),
        onError: (e) => Toast.show({ icon: 'fail', content: isApiError(e) ? e.message : t('common.loadFailed') }),
      },
    );
  };
  return (
    <section className="card disclosure" data-testid="disclosure-card" data-project-id={item.projectId}>
      <header>
        <div className="home-card-title">{item.projectName}</div>
        <div className="muted" data-testid="disclosure-version">
          {t('disclosure.version', { n: item.version, date: formatDate(item.updatedAt) })}
        </div>
      </header>

      <h3 className="section-title">{t('disclosure.risks')}</h3>
      {risks.length === 0 ? (
        <p className="muted">{t('disclosure.noRisks')}</p>
      ) : (
        <ul className="disclosure-list">
          {risks.map((r) => (
            <li key={`${r.type}|${r.name}|${r.distanceM}`} data-testid="disclosure-risk">
              <div className="disclosure-row">
                <Tag color="warning">{t(`disclosure.riskTypes.${r.type}`)}</Tag>
                <span className="disclosure-name">{r.name}</span>
              </div>
              <div className="disclosure-distance">{t('disclosure.distance', { m: r.distanceM })}</div>
              {r.note && <div className="muted">{r.note}</div>}
            </li>
          ))}
        </ul>
      )}

      <h3 className="section-title">{t('disclosure.amenities')}</h3>
      {item.amenities.length === 0 ? (
        <p className="muted">{t('disclosure.noAmenities')}</p>
      ) : (
        <ul className="disclosure-list">
          {item.amenities.map((a) => (
            <li key={a.name} data-testid="disclosure-amenity">
              <div className="disclosure-row">
                <span className="disclosure-name">{a.name}</span>
                <Tag color={AMENITY_COLOR[a.status]}>{t(`disclosure.amenityStatuses.${a.status}`)}</Tag>
              </div>
              {a.promisedOn && <div className="muted">{t('disclosure.promisedOn', { date: a.promisedOn })}</div>}
              {a.note && <div className="muted">{a.note}</div>}
            </li>
          ))}
        </ul>
      )}

      {item.mapFileId && (
        <>
          <h3 className="section-title">{t('disclosure.map')}</h3>
          <MapView fileId={item.mapFileId} />
        </>
      )}
      {item.note && <p className="disclosure-note">{item.note}</p>}

      <footer className="disclosure-ack">
        {item.acknowledgedAt ? (
          <span className="disclosure-acked" data-testid="disclosure-acknowledged">
            <CheckCircleFill aria-hidden />
            {t('disclosure.acknowledgedAt', { time: formatDateTime(item.acknowledgedAt) })}
          </span>
        ) : (
          <Button block color="primary" loading={acknowledge.isPending} onClick={onRead} data-testid="disclosure-read">
            {t('disclosure.read')}
          </Button>
        )}
      </footer>
    </section>
  );
}

/** My risk disclosure: for each of my projects, what is around it and what was promised, and "I have read it". */
export function DisclosurePage() {
  const { t } = useTranslation();
  const query = useMyDisclosure();
  const body = () => {
    if (query.isPending) return <PageSkeleton rows={8} />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    if (query.data.length === 0)
      return <EmptyState title={t('disclosure.empty')} description={t('disclosure.emptyHint')} />;
    return (
      <div className="disclosure-cards" data-testid="disclosure-list">
        {query.data.map((item) => (
          <DisclosureCard key={item.projectId} item={item} />
        ))}
      </div>
    );
  };
  return (
    <div className="page page-detail" data-testid="disclosure-page">
      <PageNav title={t('disclosure.title')} fallback="/" />
      <p className="page-note disclosure-intro">{t('disclosure.intro')}</p>
      <PullToRefresh onRefresh={() => query.refetch().then(() => undefined)}>{body()}</PullToRefresh>
    </div>
  );
}
