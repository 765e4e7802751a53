import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  loaded: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  testId?: string;
}

/** "Loaded N · Load more" under a cursor-paged list. */
export function LoadMore({ loaded, hasMore, loading, onLoadMore, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" gap={12} wrap>
      {loaded > 0 && <Typography.Text type="secondary">{t('common.loaded', { count: loaded })}</Typography.Text>}
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading} data-testid={testId}>
          {t('common.loadMore')}
        </Button>
      ) : (
        loaded > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
      )}
    </Flex>
  );
}
