import type { Customer } from '@anju/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DateTime } from '../../components/DateTime';
import { FamilyMemberModal } from './FamilyMemberModal';
import { KindTags } from './KindTags';
import { OwnershipModal } from './OwnershipModal';
import { ReferralModal } from './ReferralModal';
import { ReferralOutcome } from './ReferralOutcome';
import { TimelinePanel } from './TimelinePanel';

type Person = { id: string; name: string; kinds: Customer['kinds'] };

function People<P extends Person>({ list, extra }: { list: P[]; extra: (p: P) => ReactNode }) {
  if (!list.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Space direction="vertical">
      {list.map((p) => (
        <Space key={p.id}>
          <Link to={`/customers/${p.id}`}>{p.name}</Link>
          <KindTags kinds={p.kinds} />
          {extra(p)}
        </Space>
      ))}
    </Space>
  );
}

/** A tab body with its "add" button on top when the user may add. */
function Section({
  add,
  onAdd,
  testId,
  children,
}: {
  add?: string;
  onAdd: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {add && (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined />} onClick={onAdd} data-testid={testId}>
            {add}
          </Button>
        </Flex>
      )}
      {children}
    </Space>
  );
}

/** Timeline, homes, household, referrals and consent of one customer; `canManage` adds the editing controls. */
export function CustomerTabs({ c, canManage }: { c: Customer; canManage: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<'home' | 'family' | 'referral' | null>(null);
  const close = () => setAdding(null);
  const outcome = (p: Customer['referred'][number]) => (
    <ReferralOutcome
      customerId={c.id}
      otherId={p.id}
      referralId={p.referralId}
      outcome={p.outcome}
      editable={canManage}
    />
  );
  return (
    <>
      <Tabs
        items={[
          { key: 'timeline', label: t('customers.timeline'), children: <TimelinePanel customerId={c.id} /> },
          {
            key: 'homes',
            label: `${t('customers.homes')} (${c.homesDetail.length})`,
            children: (
              <Section
                add={canManage ? t('customers.addHome') : undefined}
                onAdd={() => setAdding('home')}
                testId="customer-add-home"
              >
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
              </Section>
            ),
          },
          {
            key: 'household',
            label: `${t('customers.household')} (${c.household.length})`,
            children: (
              <Section
                add={canManage ? t('customers.addFamily') : undefined}
                onAdd={() => setAdding('family')}
                testId="customer-add-family"
              >
                <People
                  list={c.household}
                  extra={(p) => (
                    <Typography.Text type="secondary">
                      {t(`customers.relations.${p.relation}`, { defaultValue: p.relation })} {p.unitCode ?? ''}
                    </Typography.Text>
                  )}
                />
              </Section>
            ),
          },
          {
            key: 'referrals',
            label: `${t('customers.referrals')} (${c.referredBy.length + c.referred.length})`,
            children: (
              <Section
                add={canManage ? t('customers.addReferral') : undefined}
                onAdd={() => setAdding('referral')}
                testId="customer-add-referral"
              >
                <Typography.Title level={5}>{t('customers.referredBy')}</Typography.Title>
                <People list={c.referredBy} extra={outcome} />
                <Typography.Title level={5}>{t('customers.referred')}</Typography.Title>
                <People list={c.referred} extra={outcome} />
              </Section>
            ),
          },
          {
            key: 'consent',
            label: t('customers.consent'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {c.doNotContact && <Alert type="error" showIcon title={t('customers.doNotContactHint')} />}
                <Table
                  rowKey="channel"
                  pagination={false}
                  dataSource={c.consents}
                  columns={[
                    {
                      title: t('customers.channel'),
                      dataIndex: 'channel',
                      render: (ch: 'sms' | 'email' | 'wechat') => t(`customers.channels.${ch}`),
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
              </Space>
            ),
          },
        ]}
      />
      {adding === 'home' && <OwnershipModal customerId={c.id} onClose={close} />}
      {adding === 'family' && <FamilyMemberModal customer={c} onClose={close} />}
      {adding === 'referral' && <ReferralModal customerId={c.id} onClose={close} />}
    </>
  );
}
