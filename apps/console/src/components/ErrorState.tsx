import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorText } from '../lib/errorText';

const Result = lazy(async () => ({ default: (await import('./resultView')).Result }));

interface Props {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed page load: the server's message and a Retry button. */
export function ErrorState({ error, onRetry, retrying }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const forbidden = error instanceof ApiError && error.status === 403;
  // Result (and its illustrations) is fetched when a failure is shown, not with every page
  return (
    <Suspense
      fallback={
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      }
    >
      <Result
        status={forbidden ? '403' : 'error'}
        title={forbidden ? t('common.forbiddenTitle') : t('common.errorTitle')}
        subTitle={errorText(error)}
        extra={
          onRetry && (
            <Button type="primary" icon={<ReloadOutlined />} loading={retrying} onClick={onRetry} data-testid="retry">
              {t('common.retry')}
            </Button>
          )
        }
      />
    </Suspense>
  );
}

/** A failure next to content that is still useful (e.g. "Load more" failed). */
export function ErrorAlert({ error, onRetry, retrying }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error)}
      action={
        onRetry && (
          <Button size="small" icon={<ReloadOutlined />} loading={retrying} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
