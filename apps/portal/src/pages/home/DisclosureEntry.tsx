import { ExclamationShieldOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The home page's way to my risk disclosure: what is around my project and what was promised. */
export function DisclosureEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/disclosure" className="card home-card journey-entry" data-testid="disclosure-entry">
        <span className="quick-icon" aria-hidden>
          <ExclamationShieldOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('disclosure.entry')}</span>
          <span className="muted">{t('disclosure.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
