import { CalendarOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The home page's way to the club's events: register, show my check-in QR code. */
export function EventsEntry() {
  const { t } = useTranslation();
  return (
    <div className="card-list">
      <Link to="/events" className="card home-card journey-entry" data-testid="events-entry">
        <span className="quick-icon" aria-hidden>
          <CalendarOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">{t('events.entry')}</span>
          <span className="muted">{t('events.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
