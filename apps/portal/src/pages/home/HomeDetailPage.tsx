import { Button, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useMyHome, type WarrantyItem } from '../../api/homes';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageNav } from '../../components/PageNav';
import { PageSkeleton } from '../../components/PageSkeleton';
import { formatDate } from '../../lib/format';

const STATUS_COLOR = { in_warranty: 'success', expired: 'default', unknown: 'warning' } as const;

function WarrantyRow({ item }: { item: WarrantyItem }) {
  const { t } = useTranslation();
  const period = t(`enums.warrantyRule.${item.rule.kind}`, { value: item.rule.value });
  const source = item.rule.source === 'project' ? t('warranty.sourceProject') : t('warranty.sourceDefault');
  return (
    <List.Item
      data-testid="warranty-item"
      data-part={item.partCategory}
      data-status={item.status}
      description={`${t('warranty.period')}${t('common.colon')}${t('common.withNote', { text: period, note: source })}`}
      extra={
        <div className="warranty-extra">
          <Tag color={STATUS_COLOR[item.status]} fill="outline">
            {t(`enums.warrantyStatus.${item.status}`)}
          </Tag>
          {item.expiresOn && <span className="muted">{t('warranty.until', { date: formatDate(item.expiresOn) })}</span>}
        </div>
      }
    >
      {t(`enums.partCategory.${item.partCategory}`)}
    </List.Item>
  );
}

/** A home's warranty per part category and its registered family members. */
export function HomeDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { unitId = '' } = useParams();
  const { home, ...query } = useMyHome(unitId);

  const body = () => {
    if (query.isPending) return <PageSkeleton />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    if (!home) return <EmptyState title={t('home.notFound')} />;
    return (
      <>
        <section className="card home-summary" data-testid="home-summary">
          <div className="home-card-title">
            <span>{home.projectName}</span>
            <Tag color={home.role === 'owner' ? 'primary' : 'default'} fill="outline">
              {t(`home.role.${home.role}`)}
            </Tag>
          </div>
          <div className="home-card-unit">{home.unitCode}</div>
          <div className="muted">
            {t('home.deliveredOn')}
            {t('common.colon')}
            {home.deliveredOn ? formatDate(home.deliveredOn) : t('home.notDelivered')}
          </div>
        </section>

        <List header={t('warranty.title')} className="section-list">
          {home.warranty.length === 0 ? (
            <List.Item>{t('warranty.empty')}</List.Item>
          ) : (
            home.warranty.map((item) => <WarrantyRow key={item.partCategory} item={item} />)
          )}
        </List>
        <p className="page-note">{t('warranty.hint')}</p>

        <List header={t('family.title')} className="section-list" data-testid="family-list">
          {home.family.length === 0 ? (
            <List.Item>{t('family.empty')}</List.Item>
          ) : (
            home.family.map((m) => (
              <List.Item key={m.id} extra={m.phoneMasked ?? ''} data-testid="family-member">
                {t('common.withNote', { text: m.name, note: t(`enums.relation.${m.relation}`) })}
              </List.Item>
            ))
          )}
        </List>
        <div className="page-actions">
          {home.role === 'owner' ? (
            <Button
              block
              size="large"
              color="primary"
              fill="outline"
              onClick={() => navigate(`/homes/${home.unitId}/family/new`)}
              data-testid="family-add"
            >
              {t('family.add')}
            </Button>
          ) : (
            <p className="page-note">{t('family.onlyOwner')}</p>
          )}
        </div>
      </>
    );
  };

  return (
    <div className="page page-detail">
      <PageNav title={t('home.detail')} fallback="/" />
      {body()}
    </div>
  );
}
