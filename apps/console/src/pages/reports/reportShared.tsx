import { Card, Select, Table } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './reportStrings';

/* What the report screens share: the year select, percent format and a two-column count table. */

/** This year in Asia/Shanghai. */
export const thisYear = (now: Date = new Date()) => new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();

/** A share as a percent with one decimal (`—` for no data). */
export const percent = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(1)}%`;

/** The years from this one back to `from`, newest first. */
export function YearSelect({
  value,
  onChange,
  from,
  testId,
}: {
  value: number;
  onChange: (year: number) => void;
  from: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const options = Array.from({ length: thisYear() - from + 1 }, (_, i) => {
    const y = thisYear() - i;
    return { value: y, label: String(y) };
  });
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 100 }}
      aria-label={t('reports.year')}
      data-testid={testId}
    />
  );
}

export interface CountRow {
  key: string;
  label: ReactNode;
  count: number;
}

/** A section of the report: the rows' labels and counts with their share of `total`. */
export function CountTable({
  title,
  rows,
  total,
  testId,
}: {
  title: ReactNode;
  rows: CountRow[];
  total: number;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} className="report-section" data-testid={testId}>
      <Table<CountRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('reports.noData') }}
        columns={[
          { title: t('reports.complaints.item'), dataIndex: 'label' },
          { title: t('reports.count'), dataIndex: 'count', align: 'right', width: 100 },
          {
            title: t('reports.share'),
            key: 'share',
            align: 'right',
            width: 100,
            render: (_, r) => (total ? percent(r.count / total) : '—'),
          },
        ]}
      />
    </Card>
  );
}
