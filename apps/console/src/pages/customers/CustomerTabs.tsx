import type { Customer } from '@anju/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Space, Spin, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KindTags } from '../../components/KindTags';
import { ReferralOutcome } from './ReferralOutcome';
import { TimelinePanel } from './TimelinePanel';

// the "add" dialogs (pickers, date fields) are fetched when one opens
// the homes and consent tables are on tabs opened later
const HomesTable = lazy(async () => ({ default: (await import('./CustomerTables')).HomesTable }));
const ConsentTable = lazy(async () => ({ default: (await import('./CustomerTables')).ConsentTable }));
const OwnershipModal = lazy(async () => ({ default: (await import('./OwnershipModal')).OwnershipModal }));
const FamilyMemberModal = lazy(async () => ({ default: (await import('./FamilyMemberModal')).FamilyMemberModal }));
const ReferralModal = lazy(async () => ({ default: (await import('./ReferralModal')).ReferralModal }));

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
                <Suspense fallback={<Spin />}>
                  <HomesTable c={c} />
                </Suspense>
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
                <Suspense fallback={<Spin />}>
                  <ConsentTable c={c} />
                </Suspense>
              </Space>
            ),
          },
        ]}
      />
      <Suspense fallback={null}>
        {adding === 'home' && <OwnershipModal customerId={c.id} onClose={close} />}
        {adding === 'family' && <FamilyMemberModal customer={c} onClose={close} />}
        {adding === 'referral' && <ReferralModal customerId={c.id} onClose={close} />}
      </Suspense>
    </>
  );
}
