import type { KpiCode } from '@anju/contracts/analytics';
import { CheckOutlined } from '@ant-design/icons';
import { Drawer, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type KpiDrilldownItem, useKpiDrilldown } from '../../api/analytics';
import { CursorTable } from '../../components/CursorTable';
import { useCategoryName } from '../tickets/categoryName';

export interface DrillTarget {
  kpi: KpiCode;
  scope: { id: string; name: string };
  /** A month. */
  period: string;
  batchId?: string;
  part?: 'all' | 'numerator';
}

/** A record's number or code; tickets link to the ticket page. */
function RecordLabel({ item }: { item: KpiDrilldownItem }) {
  if (item.recordType === 'ticket')
    return (
      <Link to={`/tickets/${item.recordId}`} data-testid="drill-ticket">
        {item.label}
      </Link>
    );
  return <span>{item.label}</span>;
}

const SLA_NODES: ReadonlySet<string> = new Set([
  'reception',
  'inspection',
  'dispatch',
  'first_response',
  'processing',
  'callback',
  'work_order',
]);

const tick = (v: number) => (v > 0 ? v === 1 ? <CheckOutlined /> : v : '');

/** The records behind a figure (all of them, or only those in its numerator), paged with the cursor. */
export function DrilldownDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const categoryOf = (r: KpiDrilldownItem) => {
    if (!r.category) return '';
    if (r.recordType === 'clock' && SLA_NODES.has(r.category))
      return t(`enums.slaNode.${r.category}` as 'enums.slaNode.reception');
    return r.recordType === 'ticket' ? categoryName(r.category) : r.category;
  };
  const [part, setPart] = useState<'all' | 'numerator'>(target?.part ?? 'all');
  const query = useKpiDrilldown(
    target ? { kpi: target.kpi, scope: target.scope.id, period: target.period, batchId: target.batchId, part } : null,
  );
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={720}
      destroyOnHidden
      title={
        target &&
        t('kpi.drilldown.title', {
          kpi: `${target.kpi} ${t(`kpiNames.${target.kpi}`)}`,
          scope: target.scope.name,
          period: target.period,
        })
      }
      data-testid="kpi-drilldown"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<'all' | 'numerator'>
          value={part}
          onChange={setPart}
          options={[
            { value: 'all', label: t('kpi.drilldown.part.all') },
            { value: 'numerator', label: t('kpi.drilldown.part.numerator') },
          ]}
          data-testid="drill-part"
        />
        <CursorTable<KpiDrilldownItem>
          query={query}
          rowKey={(r) => `${r.recordType}:${r.recordId}:${r.scopeId}`}
          size="small"
          emptyText={t('kpi.drilldown.empty')}
          loadMoreTestId="drill-more"
          columns={[
            {
              title: t('kpi.drilldown.record'),
              dataIndex: 'label',
              render: (_: string, r) => <RecordLabel item={r} />,
            },
            {
              title: t('kpi.drilldown.type'),
              dataIndex: 'recordType',
              render: (v: string) => t(`kpi.drilldown.recordTypes.${v}` as 'kpi.drilldown.recordTypes.ticket', v),
            },
            { title: t('kpi.drilldown.scope'), dataIndex: 'scopeName' },
            { title: t('kpi.drilldown.category'), key: 'category', render: (_, r) => categoryOf(r) },
            { title: t('kpi.drilldown.inNumerator'), dataIndex: 'numerator', align: 'center', render: tick },
            { title: t('kpi.drilldown.inDenominator'), dataIndex: 'denominator', align: 'center', render: tick },
          ]}
        />
      </Space>
    </Drawer>
  );
}
