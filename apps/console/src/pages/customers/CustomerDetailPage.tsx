import type { Customer } from '@anju/contracts';
import { Alert, Card, Descriptions, Empty, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useCustomer } from '../../api/customers';
import { DateTime } from '../../components/DateTime';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { KindTags } from './KindTags';
import { RevealButton } from './RevealButton';
import { TimelinePanel } from './TimelinePanel';

/** The customer 360: who they are, their homes and household, referrals, consent, and everything that happened. */
export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useCustomer(id);
  if (query.isLoading) return <Spin />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return <Result status="404" title={t('customers.notFound')} />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  const c = query.data as Customer;
  const people = (
    list: { id: string; name: string; kinds: Customer['kinds'] }[],
    extra: (p: never) => React.ReactNode,
  ) =>
    list.length ? (
      <Space direction="vertical">
        {list.map((p) => (
          <Space key={p.id}>
            <Link to={`/customers/${p.id}`}>{p.name}</Link>
            <KindTags kinds={p.kinds} />
            {extra(p as never)}
          </Space>
        ))}
      </Space>
    ) : (
      <Empty />
    );
  return (
    <>
      <PageHeader
        title={
          <Space>
            {c.name}
            <KindTags kinds={c.kinds} />
            {c.doNotContact && <Tag color="red">{t('customers.doNotContact')}</Tag>}
          </Space>
        }
      />
      {c.duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('customers.duplicateAlert')}
          description={c.duplicates.map((d) => (
            <Link key={d.id} to={`/customers/${d.id}`} style={{ marginRight: 12 }}>
              {d.name}
            </Link>
          ))}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }}>
          {c.phones.map((p) => (
            <Descriptions.Item
              key={p.id}
              label={`${t('customers.phone')}${p.isPrimary ? ` (${t('customers.primary')})` : ''}`}
            >
              <RevealButton customerId={c.id} field="phone" phoneId={p.id} masked={p.phoneMasked} />
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('customers.idNumber')}>
            {c.idNumberMasked ? <RevealButton customerId={c.id} field="idNumber" masked={c.idNumberMasked} /> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.gender')}>{t(`customers.genders.${c.gender}`)}</Descriptions.Item>
          <Descriptions.Item label="E-mail">{c.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('customers.tags')}>
            {c.tags.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.createdAt')}>
            <DateTime value={c.createdAt} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          items={[
            { key: 'timeline', label: t('customers.timeline'), children: <TimelinePanel customerId={c.id} /> },
            {
              key: 'homes',
              label: `${t('customers.homes')} (${c.homesDetail.length})`,
              children: (
                <Table
                  rowKey={(h) => `${h.unitId}-${h.role}`}
                  pagination={false}
                  dataSource={c.homesDetail}
                  locale={{ emptyText: <Empty /> }}
                  columns={[
                    { title: t('customers.project'), dataIndex: 'projectName' },
                    { title: t('customers.unit'), dataIndex: 'unitCode' },
                    {
                      title: t('customers.role'),
                      dataIndex: 'role',
                      render: (r: 'owner' | 'family') => t(`customers.roles.${r}`),
                    },
                    { title: t('customers.contractDate'), dataIndex: 'contractDate' },
                    { title: t('customers.deliveryDate'), dataIndex: 'deliveryDate' },
                    { title: t('customers.moveInDate'), dataIndex: 'moveInDate' },
                  ]}
                />
              ),
            },
            {
              key: 'household',
              label: t('customers.household'),
              children: people(c.household, (p: { relation: string; unitCode: string | null }) => (
                <Typography.Text type="secondary">
                  {t(`customers.relations.${p.relation}`, { defaultValue: p.relation })} {p.unitCode ?? ''}
                </Typography.Text>
              )),
            },
            {
              key: 'referrals',
              label: t('customers.referrals'),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Title level={5}>{t('customers.referredBy')}</Typography.Title>
                  {people(c.referredBy, (p: { outcome: 'referred' | 'visited' | 'bought' }) => (
                    <Tag>{t(`customers.outcomes.${p.outcome}`)}</Tag>
                  ))}
                  <Typography.Title level={5}>{t('customers.referred')}</Typography.Title>
                  {people(c.referred, (p: { outcome: 'referred' | 'visited' | 'bought' }) => (
                    <Tag>{t(`customers.outcomes.${p.outcome}`)}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              key: 'consent',
              label: t('customers.consent'),
              children: (
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
                      render: (g: boolean) => (
                        <Tag color={g ? 'green' : 'default'}>{g ? t('common.yes') : t('common.no')}</Tag>
                      ),
                    },
                    { title: t('customers.at'), dataIndex: 'at', render: (v: string | null) => <DateTime value={v} /> },
                    { title: t('customers.source'), dataIndex: 'source' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
