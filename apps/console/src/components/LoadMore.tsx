import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  loaded: number;
  /** Everything that matches, when known (capped counts read "10,000+"). */
  total?: { count: number; capped?: boolean };
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  testId?: string;
}

/** "Loaded N · Load more" under a cursor-paged list (CursorTable puts it there). */
export function LoadMore({ loaded, total, hasMore, loading, onLoadMore, testId }: Props) {
  const { t } = useTranslation();
  const count = total
    ? t('common.loadedOf', {
        count: loaded,
        total: `${total.count.toLocaleString('en-US')}${total.capped ? '+' : ''}`,
      })
    : t('common.loaded', { count: loaded });
  return (
    <Flex justify="center" align="center" gap={12} wrap>
      {loaded > 0 && <Typography.Text type="secondary">{count}</Typography.Text>}
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
