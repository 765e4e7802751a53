import { Empty, Flex, Table, type TableColumnsType, type TableProps } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { ErrorAlert, ErrorState } from './ErrorState';
import { LoadMore } from './LoadMore';

/**
 * What a cursor table reads of a TanStack query: an infinite query over `{ items, nextCursor }` pages, or a plain
 * query answering one `{ items }` page (a search), which has no "load more".
 */
export interface CursorQuery<T> {
  data: { pages: readonly { items: readonly T[] }[] } | { items: readonly T[] } | undefined;
  error: unknown;
  isError: boolean;
  isPending: boolean;
  isLoading: boolean;
  isFetching: boolean;
  isFetchingNextPage?: boolean;
  isFetchNextPageError?: boolean;
  hasNextPage?: boolean;
  fetchNextPage?: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
}

/** The rows of every page loaded so far. */
export function useCursorRows<T>(query: Pick<CursorQuery<T>, 'data'>): T[] {
  const { data } = query;
  return useMemo(() => {
    if (!data) return [];
    return 'pages' in data ? data.pages.flatMap((p) => p.items) : [...data.items];
  }, [data]);
}

type Props<T> = Omit<TableProps<T>, 'columns' | 'dataSource' | 'loading' | 'locale' | 'pagination' | 'rowKey'> & {
  query: CursorQuery<T>;
  columns: TableColumnsType<T>;
  rowKey: NonNullable<TableProps<T>['rowKey']>;
  /** Shown in the empty table (antd's default picture and text without it). */
  emptyText?: ReactNode;
  /** Overrides the spinner (default: the first load and refetches, not "load more"). */
  loading?: boolean;
  /** `data-testid` of the "Load more" button. */
  loadMoreTestId?: string;
  /** Everything the filters match, when the server counts it ("loaded 50 of 1,234"). */
  total?: { count: number; capped?: boolean } | null;
  /** Renders the rows another way (cards on a phone) instead of the table, inside the same states and paging. */
  view?: (rows: T[], loading: boolean) => ReactNode;
};

/**
 * One cursor-paged list: the table, "Loaded N · Load more" under it, an error page when nothing loaded and an
 * alert above the rows that stay when a later page (or a refetch) failed.
 */
export function CursorTable<T extends object>({
  query,
  columns,
  rowKey,
  emptyText,
  loading,
  loadMoreTestId,
  total,
  view,
  ...tableProps
}: Props<T>) {
  const rows = useCursorRows(query);
  if (query.isError && !query.data) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  const spinning = loading ?? (query.isPending || (query.isFetching && !query.isFetchingNextPage));
  const fetchNextPage = query.fetchNextPage;
  return (
    <Flex vertical gap={12}>
      {query.isError && (
        <ErrorAlert
          error={query.error}
          onRetry={() => void (query.isFetchNextPageError && fetchNextPage ? fetchNextPage() : query.refetch())}
          retrying={query.isFetching}
        />
      )}
      {view ? (
        view(rows, spinning)
      ) : (
        <Table<T>
          size="middle"
          scroll={{ x: 'max-content' }}
          {...tableProps}
          rowKey={rowKey}
          columns={columns}
          dataSource={rows}
          loading={spinning}
          pagination={false}
          locale={{ emptyText: <Empty description={emptyText} /> }}
        />
      )}
      {fetchNextPage && (
        <LoadMore
          loaded={rows.length}
          total={total ?? undefined}
          hasMore={Boolean(query.hasNextPage)}
          loading={Boolean(query.isFetchingNextPage)}
          onLoadMore={() => void fetchNextPage()}
          testId={loadMoreTestId}
        />
      )}
    </Flex>
  );
}
