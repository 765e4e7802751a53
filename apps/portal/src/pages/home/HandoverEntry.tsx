import { KeyOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The home page's way to the handover day: book or change my slot, see the inspection of my home. */
export function HandoverEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/handover" className="card home-card journey-entry" data-testid="handover-entry">
        <span className="quick-icon" aria-hidden>
          <KeyOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('handover.entry')}</span>
          <span className="muted">{t('handover.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
