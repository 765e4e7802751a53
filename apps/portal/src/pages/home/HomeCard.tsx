import type { MyHome } from '@anju/contracts';
import { Tag } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../lib/format';

/** One home: project, unit, role, delivery date and a one-line warranty summary; opens the home's page. */
export function HomeCard({ home }: { home: MyHome }) {
  const { t } = useTranslation();
  const inWarranty = home.warranty.filter((w) => w.status === 'in_warranty').length;
  return (
    <Link
      to={`/homes/${home.unitId}`}
      className="card home-card"
      data-testid="home-card"
      data-unit-id={home.unitId}
      data-unit-code={home.unitCode}
    >
      <div className="home-card-main">
        <div className="home-card-title">
          <span>{home.projectName}</span>
          <Tag color={home.role === 'owner' ? 'primary' : 'default'} fill="outline">
            {t(`home.role.${home.role}`)}
          </Tag>
        </div>
        <div className="home-card-unit">{home.unitCode}</div>
        <div className="muted">
          {[home.layout, home.areaSqm != null ? t('home.area', { area: home.areaSqm }) : null]
            .filter(Boolean)
            .join(' · ')}
        </div>
        <div className="muted">
          {t('home.deliveredOn')}
          {t('common.colon')}
          {home.deliveredOn ? formatDate(home.deliveredOn) : t('home.notDelivered')}
        </div>
        {home.warranty.length > 0 && (
          <div className="muted">
            {t('warranty.title')}
            {t('common.colon')}
            {inWarranty}/{home.warranty.length} {t('enums.warrantyStatus.in_warranty')}
          </div>
        )}
      </div>
      <RightOutline aria-hidden className="home-card-arrow" />
    </Link>
  );
}
