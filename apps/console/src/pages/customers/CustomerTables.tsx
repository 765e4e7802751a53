import type { Customer } from '@anju/contracts';
import { Button, Empty, Table, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';
import { useCan } from '../../lib/permissions';

// fetched when it opens (date picker, enum options)
const EndOwnershipModal = lazy(async () => ({ default: (await import('./EndOwnershipModal')).EndOwnershipModal }));

type Home = Customer['homesDetail'][number];
type OwnedHome = Home & { ownershipId: string };
const isOwned = (h: Home): h is OwnedHome => h.role === 'owner' && Boolean(h.ownershipId);

/** The customer's homes: project, unit, role, share and the dates of the purchase; managers may end an ownership. */
export function HomesTable({ c }: { c: Customer }) {
  const { t } = useTranslation();
  const can = useCan();
  const [ending, setEnding] = useState<OwnedHome | null>(null);
  const canManage = can('customers.manage') && !c.anonymised;
  const actions = {
    title: t('common.actions'),
    key: 'actions',
    render: (_: unknown, h: Home) =>
      isOwned(h) ? (
        <Button
          type="link"
          size="small"
          danger
          onClick={() => setEnding(h)}
          data-testid={`end-ownership-${h.unitCode}`}
        >
          {t('customers.endOwnership')}
        </Button>
      ) : null,
  };
  return (
    <>
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
          { title: t('customers.firstVisitDate'), dataIndex: 'firstVisitDate' },
          { title: t('customers.contractDate'), dataIndex: 'contractDate' },
          { title: t('customers.deliveryDate'), dataIndex: 'deliveryDate' },
          { title: t('customers.moveInDate'), dataIndex: 'moveInDate' },
          ...(canManage ? [actions] : []),
        ]}
      />
      <Suspense fallback={null}>
        {ending && <EndOwnershipModal customerId={c.id} home={ending} onClose={() => setEnding(null)} />}
      </Suspense>
    </>
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
