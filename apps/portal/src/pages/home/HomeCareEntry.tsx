import { RightOutline, SetOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The home page's way to home care (家居保养). */
export function HomeCareEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/home-care" className="card home-card journey-entry" data-testid="home-care-entry">
        <span className="quick-icon" aria-hidden>
          <SetOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('homeCare.entry')}</span>
          <span className="muted">{t('homeCare.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
