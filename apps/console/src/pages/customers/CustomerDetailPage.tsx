import type { Customer } from '@anju/contracts';
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Spin, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useCustomer } from '../../api/customers';
import { DateTime } from '../../components/DateTime';
import { ErrorState } from '../../components/ErrorState';
import { KindTags } from '../../components/KindTags';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { CustomerTabs } from './CustomerTabs';
import { DataSubjectActions } from './DataSubjectActions';
import { RevealButton } from './RevealButton';

// a missing or merged record's Result, and the edit drawer (its form, date field, phones), are fetched when shown
const Result = lazy(async () => ({ default: (await import('../../components/resultView')).Result }));
const CustomerEditDrawer = lazy(async () => ({ default: (await import('./CustomerEditDrawer')).CustomerEditDrawer }));

const mergedInto = (e: unknown): string | null => {
  if (!(e instanceof ApiError) || e.code !== 'CUSTOMER_MERGED') return null;
  const target = (e.details as { mergedInto?: unknown } | undefined)?.mergedInto;
  return typeof target === 'string' ? target : null;
};

/** The customer 360: who they are, their homes and household, referrals, consent, and everything that happened. */
export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const query = useCustomer(id);
  const [editing, setEditing] = useState(false);
  if (query.isLoading) return <Spin />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Suspense fallback={<Spin />}>
          <Result status="404" title={t('customers.notFound')} />
        </Suspense>
      );
    const target = mergedInto(query.error);
    if (target)
      return (
        <Suspense fallback={<Spin />}>
          <Result
            status="info"
            title={t('customers.wasMerged')}
            extra={
              <Link to={`/customers/${target}`} data-testid="customer-merged-target">
                {t('customers.openMergedRecord')}
              </Link>
            }
          />
        </Suspense>
      );
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  const c = query.data as Customer;
  const canManage = can('customers.manage') && !c.anonymised;
  return (
    <>
      <PageHeader
        title={
          <Space>
            {c.name}
            <KindTags kinds={c.kinds} />
            {c.doNotContact && <Tag color="red">{t('customers.doNotContact')}</Tag>}
            {c.anonymised && <Tag>{t('customers.anonymisedTag')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {canManage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
            )}
            <DataSubjectActions customer={c} />
          </Space>
        }
      />
      {c.anonymised && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('customers.anonymisedNotice')} />
      )}
      {c.duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customers.duplicateAlert')}
          description={c.duplicates.map((d) => (
            <Link key={d.id} to={`/customers/${d.id}`} style={{ marginRight: 12 }}>
              {d.name}
            </Link>
          ))}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }}>
          {c.phones.length === 0 && <Descriptions.Item label={t('customers.phone')}>—</Descriptions.Item>}
          {c.phones.map((p) => (
            <Descriptions.Item
              key={p.id}
              label={`${t('customers.phone')}${p.label ? ` · ${p.label}` : ''}${p.isPrimary ? ` (${t('customers.primary')})` : ''}`}
            >
              <RevealButton customerId={c.id} field="phone" phoneId={p.id} masked={p.phoneMasked} />
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('customers.idNumber')}>
            {c.idNumberMasked ? <RevealButton customerId={c.id} field="idNumber" masked={c.idNumberMasked} /> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.gender')}>{t(`customers.genders.${c.gender}`)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.birthday')}>{c.birthday ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.email')}>{c.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.wechatId')}>{c.wechatId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.address')}>{c.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.sourceChannel')}>
            {c.sourceChannel
              ? t(`customers.sourceChannels.${c.sourceChannel}`, { defaultValue: c.sourceChannel })
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.tags')}>
            {c.tags.length ? c.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.createdAt')}>
            <DateTime value={c.createdAt} />
          </Descriptions.Item>
          {c.notes && (
            <Descriptions.Item label={t('customers.notes')} span={3}>
              {c.notes}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card>
        <CustomerTabs c={c} canManage={canManage} />
      </Card>
      {editing && (
        <Suspense fallback={null}>
          <CustomerEditDrawer customer={c} onClose={() => setEditing(false)} />
        </Suspense>
      )}
    </>
  );
}
