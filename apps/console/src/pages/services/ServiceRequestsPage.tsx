import { SERVICE_REQUEST_STATUSES } from '@anju/contracts/services';
import { Button, Card, Flex, Select, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  type ServiceRequestDetail,
  type ServiceRequestFilter,
  useServiceRequests,
  useServices,
} from '../../api/services';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useCan } from '../../lib/permissions';
import './serviceStrings';

const ServiceRequestDrawer = lazy(async () => ({
  default: (await import('./ServiceRequestDrawer')).ServiceRequestDrawer,
}));
const BookServiceModal = lazy(async () => ({ default: (await import('./BookServiceModal')).BookServiceModal }));

const rowProps = (r: ServiceRequestDetail) =>
  ({ 'data-testid': `service-request-row-${r.number}`, style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>;

/** Service requests I see: filters by status, service and project; each request's drawer; booking for a customer. */
export function ServiceRequestsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState<ServiceRequestFilter>({});
  const [booking, setBooking] = useState(false);
  const query = useServiceRequests(filter);
  const services = useServices();
  const openId = params.get('request');
  const open = (id: string | null) => setParams(id ? { request: id } : {});
  const set = (patch: Partial<ServiceRequestFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const en = i18n.language.startsWith('en');

  const columns: TableColumnsType<ServiceRequestDetail> = [
    { key: 'number', title: t('serviceCatalogue.number'), dataIndex: 'number' },
    {
      key: 'service',
      title: t('serviceCatalogue.service'),
      render: (_, r) => (en ? r.serviceNameEn : r.serviceNameZh),
    },
    { key: 'customer', title: t('serviceCatalogue.customer'), render: (_, r) => r.customerName ?? '—' },
    { key: 'home', title: t('serviceCatalogue.home'), render: (_, r) => `${r.projectName ?? ''} ${r.unitCode ?? ''}` },
    {
      key: 'step',
      title: t('serviceCatalogue.currentStep'),
      render: (_, r) => {
        const step = r.steps.find((s) => s.seq === r.currentStep);
        return step
          ? `${r.currentStep === null ? '' : r.currentStep + 1}/${r.stepCount} ${en ? step.nameEn : step.nameZh}`
          : '—';
      },
    },
    {
      key: 'status',
      title: t('serviceCatalogue.status'),
      render: (_, r) => (
        <Tag color={r.status === 'open' ? 'blue' : r.status === 'done' ? 'green' : 'default'}>
          {t(`serviceCatalogue.statuses.${r.status}`)}
        </Tag>
      ),
    },
    { key: 'createdAt', title: t('serviceCatalogue.createdAt'), render: (_, r) => <DateTime value={r.createdAt} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('serviceCatalogue.requestsTitle')}
        extra={
          can('services.work') ? (
            <Button type="primary" onClick={() => setBooking(true)} data-testid="service-book">
              {t('serviceCatalogue.book')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select<ServiceRequestFilter['status']>
            allowClear
            placeholder={t('serviceCatalogue.allStatuses')}
            value={filter.status}
            onChange={(v) => set({ status: v })}
            options={SERVICE_REQUEST_STATUSES.map((value) => ({
              value,
              label: t(`serviceCatalogue.statuses.${value}`),
            }))}
            style={{ width: 140 }}
          />
          <Select<string | undefined>
            allowClear
            placeholder={t('serviceCatalogue.allServices')}
            value={filter.serviceId}
            onChange={(v) => set({ serviceId: v })}
            options={(services.data ?? []).map((s) => ({ value: s.id, label: en ? s.nameEn : s.nameZh }))}
            style={{ width: 200 }}
          />
          <div style={{ width: 220 }}>
            <ProjectFilter value={filter.projectId} onChange={(v) => set({ projectId: v })} testId="service-project" />
          </div>
        </Flex>
        <CursorTable<ServiceRequestDetail>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={(r) => ({ ...rowProps(r), onClick: () => open(r.id) })}
          emptyText={t('serviceCatalogue.empty')}
        />
      </Card>
      <Suspense fallback={null}>
        {openId && <ServiceRequestDrawer id={openId} onClose={() => open(null)} />}
        {booking && (
          <BookServiceModal
            onClose={(id) => {
              setBooking(false);
              if (id) open(id);
            }}
          />
        )}
      </Suspense>
    </>
  );
}
