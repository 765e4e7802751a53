import { VOUCHER_STATUSES } from '@anju/contracts/club-partners';
import { Flex, Input, Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Partner, useVouchers, type Voucher, type VoucherFilter } from '../../api/clubPartners';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import './clubPartnerStrings';

const STATUS_COLOR = { issued: 'blue', redeemed: 'green', expired: 'default' } as const;

/** Vouchers the user sees (staff: their members'; a partner user: their partners'), with filters. */
export function VouchersTable({ partners }: { partners: Partner[] }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<VoucherFilter>({});
  const query = useVouchers(filter);
  const set = (patch: Partial<VoucherFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const columns: TableColumnsType<Voucher> = [
    { key: 'code', title: t('clubPartners.code'), render: (_, v) => <Code value={v.code} /> },
    { key: 'benefit', title: t('clubPartners.benefit'), render: (_, v) => `${v.partnerName} · ${v.benefitTitle}` },
    { key: 'member', title: t('clubPartners.member'), render: (_, v) => `${v.customerName} (${v.cardNo})` },
    {
      key: 'status',
      title: t('clubPartners.status'),
      render: (_, v) => <Tag color={STATUS_COLOR[v.status]}>{t(`clubPartners.voucherStatuses.${v.status}`)}</Tag>,
    },
    { key: 'points', title: t('clubPartners.points'), align: 'end', dataIndex: 'points' },
    { key: 'issuedAt', title: t('clubPartners.issuedAt'), render: (_, v) => <DateTime value={v.issuedAt} /> },
    { key: 'expiresAt', title: t('clubPartners.expiresAt'), render: (_, v) => <DateTime value={v.expiresAt} /> },
    {
      key: 'redeemedAt',
      title: t('clubPartners.redeemedAt'),
      render: (_, v) => (v.redeemedAt ? <DateTime value={v.redeemedAt} /> : '—'),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8}>
        {partners.length > 1 && (
          <Select<string | undefined>
            allowClear
            placeholder={t('clubPartners.allPartners')}
            value={filter.partnerId}
            onChange={(v) => set({ partnerId: v })}
            options={partners.map((p) => ({ value: p.id, label: p.name }))}
            style={{ width: 200 }}
          />
        )}
        <Select<VoucherFilter['status']>
          allowClear
          placeholder={t('clubPartners.allStatuses')}
          value={filter.status}
          onChange={(v) => set({ status: v })}
          options={VOUCHER_STATUSES.map((value) => ({ value, label: t(`clubPartners.voucherStatuses.${value}`) }))}
          style={{ width: 140 }}
        />
        <Input.Search
          allowClear
          placeholder={t('clubPartners.code')}
          onSearch={(v) => set({ code: v.trim() || undefined })}
          style={{ width: 200 }}
        />
      </Flex>
      <CursorTable<Voucher>
        query={query}
        rowKey="id"
        columns={columns}
        emptyText={t('clubPartners.noVouchers')}
        onRow={(v) => ({ 'data-testid': `voucher-row-${v.code}` }) as React.HTMLAttributes<HTMLElement>}
      />
    </Flex>
  );
}

function Code({ value }: { value: string }) {
  return <span style={{ fontFamily: 'monospace', letterSpacing: 1 }}>{value}</span>;
}
