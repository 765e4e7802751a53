import { Button, Flex, Select, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportPartnerReport, type Partner, type PartnerReport, usePartnerReport } from '../../api/clubPartners';
import { DateRangeField } from '../../components/DateField';
import { useDownload } from '../../lib/download';
import './clubPartnerStrings';

type Row = PartnerReport['items'][number];

/** Claimed, redeemed and expired vouchers per partner and benefit in a period (this month by default); .xlsx. */
export function PartnerReportCard({ partners }: { partners: Partner[] }) {
  const { t } = useTranslation();
  const [q, setQ] = useState({
    from: dayjs().startOf('month').format('YYYY-MM-DD'),
    to: dayjs().format('YYYY-MM-DD'),
    partnerId: undefined as string | undefined,
  });
  const report = usePartnerReport(q);
  const { downloading, run } = useDownload();
  const columns: TableColumnsType<Row> = [
    { key: 'partner', title: t('clubPartners.partner'), dataIndex: 'partnerName' },
    {
      key: 'category',
      title: t('clubPartners.category'),
      render: (_, r) => t(`clubPartners.categories.${r.category}`),
    },
    { key: 'benefit', title: t('clubPartners.benefit'), dataIndex: 'benefitTitle' },
    { key: 'claimed', title: t('clubPartners.claimed'), align: 'end', dataIndex: 'claimed' },
    { key: 'redeemed', title: t('clubPartners.redeemed'), align: 'end', dataIndex: 'redeemed' },
    { key: 'expired', title: t('clubPartners.expired'), align: 'end', dataIndex: 'expired' },
    { key: 'points', title: t('clubPartners.points'), align: 'end', dataIndex: 'points' },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8}>
        <DateRangeField
          allowClear={false}
          value={[dayjs(q.from), dayjs(q.to)]}
          onChange={(range) => {
            if (range?.[0] && range[1])
              setQ((x) => ({
                ...x,
                from: range[0]?.format('YYYY-MM-DD') ?? x.from,
                to: range[1]?.format('YYYY-MM-DD') ?? x.to,
              }));
          }}
        />
        {partners.length > 1 && (
          <Select<string | undefined>
            allowClear
            placeholder={t('clubPartners.allPartners')}
            value={q.partnerId}
            onChange={(partnerId) => setQ((x) => ({ ...x, partnerId }))}
            options={partners.map((p) => ({ value: p.id, label: p.name }))}
            style={{ width: 200 }}
          />
        )}
        <Button loading={downloading} onClick={() => run(() => exportPartnerReport(q), t('clubPartners.exported'))}>
          {t('clubPartners.export')}
        </Button>
      </Flex>
      <Table<Row>
        size="small"
        rowKey="benefitId"
        dataSource={report.data?.items ?? []}
        loading={report.isPending}
        columns={columns}
        pagination={false}
      />
    </Flex>
  );
}
