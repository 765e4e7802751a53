import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWatchedSuppliers } from '../../api/scorecards';
import { useCan } from '../../lib/permissions';

/**
 * A warning under the assignee field when the chosen unit is a supplier on the watch list (优胜劣汰), with the
 * reason; the order can still be given to it. The list is asked for only by holders of scorecards.read.
 */
export function WatchListAlert({ orgUnitId }: { orgUnitId: string | undefined }) {
  const { t } = useTranslation();
  const can = useCan();
  const watched = useWatchedSuppliers(can('scorecards.read'));
  const entry = orgUnitId ? watched.data?.find((w) => w.supplierId === orgUnitId) : undefined;
  if (!entry) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('tickets.workOrders.watchListed', { reason: entry.reason })}
      style={{ marginBottom: 16 }}
      data-testid="watch-list-alert"
    />
  );
}
