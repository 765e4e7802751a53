import { GiftOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The home page's way to the partners' benefits: claim a voucher, show its QR code in store. */
export function BenefitsEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/benefits" className="card home-card journey-entry" data-testid="benefits-entry">
        <span className="quick-icon" aria-hidden>
          <GiftOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('benefits.entry')}</span>
          <span className="muted">{t('benefits.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
