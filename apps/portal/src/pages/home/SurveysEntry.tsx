import { Badge } from 'antd-mobile';
import { RightOutline, SmileOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMySurveys } from '../../api/surveys';

/** The home page's way to my surveys: shown while some survey or callback waits for my answer, with how many. */
export function SurveysEntry() {
  const { t } = useTranslation();
  const count = useMySurveys().data?.length ?? 0;
  if (count === 0) return null;
  return (
    <div className="card-list">
      <Link to="/surveys" className="card home-card journey-entry" data-testid="surveys-entry">
        <span className="quick-icon" aria-hidden>
          <SmileOutline />
        </span>
        <span className="home-card-main">
          <span className="home-card-title">
            {t('surveys.entry')}
            <Badge content={t('surveys.pending', { count })} data-testid="surveys-count" data-count={count} />
          </span>
          <span className="muted">{t('surveys.entryDesc')}</span>
        </span>
        <RightOutline aria-hidden className="home-card-arrow" />
      </Link>
    </div>
  );
}
