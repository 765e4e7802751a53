import { RightOutline, UserContactOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The home page's way to my club card: the card's QR code, tier and charter, points, the magazine, joining. */
export function ClubEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/club" className="card home-card journey-entry" data-testid="club-entry">
        <span className="quick-icon" aria-hidden>
          <UserContactOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('club.entry')}</span>
          <span className="muted">{t('club.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
