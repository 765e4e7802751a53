import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** The server's own message (already in the UI language) with a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const network = isApiError(error) && error.code === 'NETWORK_ERROR';
  const message = network ? t('common.networkError') : error instanceof Error ? error.message : String(error);
  return (
    <div className="state-block" data-testid="error-state">
      <ErrorBlock status={network ? 'disconnected' : 'default'} title={t('common.loadFailed')} description={message}>
        {onRetry && (
          <Button color="primary" fill="outline" onClick={onRetry} data-testid="retry">
            {t('common.retry')}
          </Button>
        )}
      </ErrorBlock>
    </div>
  );
}

/** The text to show for a failed write. */
export function errorMessage(error: unknown, networkText: string): string {
  if (isApiError(error)) return error.code === 'NETWORK_ERROR' ? networkText : error.message;
  return error instanceof Error ? error.message : String(error);
}
