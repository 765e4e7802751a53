import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

function BackHomeButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.backHome')}
    </Button>
  );
}

/** The 403 and 404 pages; loaded only when shown (antd Result carries large illustrations). */
export function StatusResult({ status }: { status: '403' | '404' }) {
  const { t } = useTranslation();
  return status === '403' ? (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbiddenDesc')}
      extra={<BackHomeButton />}
    />
  ) : (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={t('common.notFoundDesc')}
      extra={<BackHomeButton />}
    />
  );
}
