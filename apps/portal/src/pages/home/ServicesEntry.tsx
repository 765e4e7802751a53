import { AppstoreOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The home page's way to the value-added services: book, track, rate. */
export function ServicesEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/services" className="card home-card journey-entry" data-testid="services-entry">
        <span className="quick-icon" aria-hidden>
          <AppstoreOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('services.entry')}</span>
          <span className="muted">{t('services.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
