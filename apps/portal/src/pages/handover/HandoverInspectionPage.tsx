import { List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMyHandoverInspection } from '../../api/handover';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { PhotoGrid } from '../../components/PhotoGrid';

/** My home's handover inspection: the checks with problems and their photos, readings, keys, and the repairs opened. */
export function HandoverInspectionPage() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const query = useMyHandoverInspection(unitId);
  const body = () => {
    if (query.isPending) return <PageSkeleton rows={6} />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    const r = query.data;
    const problems = r.items.filter((i) => !i.ok || i.photos.length > 0);
    return (
      <>
        <section className="card">
          <Tag color={r.status === 'signed' ? 'success' : 'primary'} data-testid="inspection-status">
            {t(`handover.statuses.${r.status}`)}
          </Tag>
          {r.keysHanded !== null && <div>{t('handover.keys', { count: r.keysHanded })}</div>}
          {r.feesAcknowledgedAt && <div className="muted">{t('handover.fees')}</div>}
          {r.meterReadings.length > 0 && (
            <div>
              {t('handover.meters')}：
              {r.meterReadings.map((m) => `${t(`handover.meterNames.${m.meter}`)} ${m.reading}`).join('，')}
            </div>
          )}
        </section>
        {problems.length > 0 && (
          <List header={t('handover.checks')}>
            {problems.map((i) => (
              <List.Item
                key={`${i.room}-${i.key}`}
                description={<PhotoGrid photos={i.photos} label={i.note ?? i.key} />}
                extra={!i.ok && <Tag color="warning">{t('handover.problem')}</Tag>}
              >
                {t(`enums.room.${i.room}`)} {i.note}
              </List.Item>
            ))}
          </List>
        )}
        <List header={t('handover.defects')} data-testid="inspection-defects">
          {r.defects.length === 0 ? (
            <List.Item>{t('handover.noDefects')}</List.Item>
          ) : (
            r.defects.map((d) => (
              <List.Item
                key={d.id}
                description={<PhotoGrid photos={d.photos} label={d.description} />}
                extra={
                  <Link to={`/requests/${d.ticketId}`} data-testid="inspection-ticket">
                    {t('handover.ticket', { number: d.ticketNumber })}
                  </Link>
                }
              >
                {t(`enums.room.${d.room}`)} · {d.description}
              </List.Item>
            ))
          )}
        </List>
      </>
    );
  };
  return (
    <div className="page page-detail" data-testid="handover-inspection-page">
      <PageNav title={t('handover.inspection')} fallback="/handover" />
      {body()}
    </div>
  );
}
