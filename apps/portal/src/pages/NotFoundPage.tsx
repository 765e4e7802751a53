import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="state-block">
      <ErrorBlock status="empty" title={t('common.notFound')} description="">
        <Button color="primary" onClick={() => navigate('/', { replace: true })}>
          {t('common.goHome')}
        </Button>
      </ErrorBlock>
    </div>
  );
}
