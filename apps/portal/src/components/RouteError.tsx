import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router-dom';

/** A page chunk failed to load (new release, lost network) or a page crashed: offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <div className="state-block">
      <ErrorBlock
        status="default"
        title={t('common.errorTitle')}
        description={error instanceof Error ? error.message : t('common.networkError')}
      >
        <Button color="primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      </ErrorBlock>
    </div>
  );
}
