import type { Customer } from '@anju/contracts';
import { Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';

/** The customer's homes: project, unit, role, share and the dates of the purchase. */
export function HomesTable({ c }: { c: Customer }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey={(h) => `${h.unitId}-${h.role}`}
      pagination={false}
      dataSource={c.homesDetail}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noHomes')} />,
      }}
      columns={[
        { title: t('customers.project'), dataIndex: 'projectName' },
        { title: t('customers.unit'), dataIndex: 'unitCode' },
        {
          title: t('customers.role'),
          dataIndex: 'role',
          render: (r: 'owner' | 'family') => t(`customers.roles.${r}`),
        },
        {
          title: t('customers.sharePercent'),
          dataIndex: 'sharePercent',
          render: (v: number | null) => (v === null ? '—' : `${v}%`),
        },
        { title: t('customers.contractDate'), dataIndex: 'contractDate' },
        { title: t('customers.deliveryDate'), dataIndex: 'deliveryDate' },
        { title: t('customers.moveInDate'), dataIndex: 'moveInDate' },
      ]}
    />
  );
}

/** Consent per channel: granted or withdrawn, when and from where. */
export function ConsentTable({ c }: { c: Customer }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="channel"
      pagination={false}
      dataSource={c.consents}
      columns={[
        {
          title: t('customers.channel'),
          dataIndex: 'channel',
          render: (ch: 'sms' | 'email' | 'wechat') => t(`enums.consentChannel.${ch}`),
        },
        {
          title: t('customers.granted'),
          dataIndex: 'granted',
          render: (g: boolean, r) =>
            r.at ? (
              <Tag color={g ? 'green' : 'default'}>{g ? t('common.yes') : t('common.no')}</Tag>
            ) : (
              <Tag>{t('customers.notAsked')}</Tag>
            ),
        },
        { title: t('customers.at'), dataIndex: 'at', render: (v: string | null) => <DateTime value={v} /> },
        { title: t('customers.source'), dataIndex: 'source', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}
