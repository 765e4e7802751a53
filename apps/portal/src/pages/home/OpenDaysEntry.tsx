import { FlagOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The home page's way to site open days: register for a visit, read the answers to my suggestions. */
export function OpenDaysEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/open-days" className="card home-card journey-entry" data-testid="open-days-entry">
        <span className="quick-icon" aria-hidden>
          <FlagOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('openDays.entry')}</span>
          <span className="muted">{t('openDays.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
