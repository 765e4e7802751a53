import { RightOutline, TravelOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import '../journey/journey.css';

/** The home page's way to "My journey": when we get in touch, from signing to four years after moving in. */
export function JourneyEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/journey" className="card home-card journey-entry" data-testid="journey-entry">
        <span className="quick-icon" aria-hidden>
          <TravelOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('journey.entry')}</span>
          <span className="muted">{t('journey.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
