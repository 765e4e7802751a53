import { OPEN_DAY_STATUSES, type OpenDay } from '@anju/contracts/open-days';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { type OpenDayFilters, useOpenDays } from '../../api/openDays';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import './openDayStrings';
import { OpenDayStatusTag, RateTag } from './openDayTags';

// fetched when the dialog opens
const CreateOpenDayModal = lazy(async () => ({ default: (await import('./CreateOpenDayModal')).CreateOpenDayModal }));

const hhmm = (iso: string) => formatDateTime(iso).slice(11, 16);

/**
 * Site open days of the caller's subtree, newest first: registrations, check-ins and both rates per open day, and the
 * rates over every open day the filters match; a row opens its board. Managers create open days here.
 */
export function OpenDaysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const filters: OpenDayFilters = {
    projectId: params.get('projectId') ?? undefined,
    status: OPEN_DAY_STATUSES.find((s) => s === params.get('status')),
  };
  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const query = useOpenDays(filters);
  const kpis = query.data?.pages[0]?.kpis;

  const columns: TableColumnsType<OpenDay> = [
    {
      key: 'day',
      title: t('openDays.day'),
      render: (_, x) => (
        <span style={{ whiteSpace: 'nowrap' }}>{`${x.heldOn} ${hhmm(x.startsAt)}–${hhmm(x.endsAt)}`}</span>
      ),
    },
    { key: 'title', title: t('openDays.name'), render: (_, x) => x.title },
    { key: 'project', title: t('openDays.project'), render: (_, x) => x.projectName ?? '—' },
    {
      key: 'registered',
      title: t('openDays.registered'),
      align: 'end',
      render: (_, x) => (x.capacity === null ? x.registered : `${x.registered}/${x.capacity}`),
    },
    { key: 'checkedIn', title: t('openDays.checkedIn'), align: 'end', render: (_, x) => x.checkedIn },
    {
      key: 'reply',
      title: t('openDays.replyRate'),
      render: (_, x) => <RateTag rate={x.kpis.replyRate} kind="replyRate" testId={`open-day-reply-rate-${x.id}`} />,
    },
    {
      key: 'rectification',
      title: t('openDays.rectificationRate'),
      render: (_, x) => <RateTag rate={x.kpis.rectificationRate} kind="rectificationRate" />,
    },
    { key: 'status', title: t('openDays.statusLabel'), render: (_, x) => <OpenDayStatusTag status={x.status} /> },
  ];
  const rowProps = (x: OpenDay) =>
    ({
      'data-testid': `open-day-row-${x.id}`,
      onClick: () => navigate(`/open-days/${x.id}`),
      style: { cursor: 'pointer' },
    }) as HTMLAttributes<HTMLElement>;

  return (
    <>
      <PageHeader
        title={t('openDays.title')}
        extra={
          can('journeys.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="open-day-create"
            >
              {t('openDays.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
          {can('property.read') && (
            <ProjectFilter
              style={{ width: 220 }}
              value={filters.projectId}
              onChange={(projectId) => update({ projectId })}
              placeholder={t('openDays.project')}
              testId="open-days-project"
            />
          )}
          <Select<string>
            allowClear
            style={{ width: 140 }}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            placeholder={t('openDays.statusLabel')}
            options={OPEN_DAY_STATUSES.map((s) => ({ value: s, label: t(`openDays.statuses.${s}`) }))}
          />
          {kpis && (
            <Flex gap={8} align="center" wrap data-testid="open-days-period-rates">
              <Typography.Text type="secondary">{t('openDays.periodRates')}</Typography.Text>
              <span>{t('openDays.replyRate')}</span>
              <RateTag rate={kpis.replyRate} kind="replyRate" />
              <span>{t('openDays.rectificationRate')}</span>
              <RateTag rate={kpis.rectificationRate} kind="rectificationRate" />
            </Flex>
          )}
        </Flex>
        <CursorTable<OpenDay>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={rowProps}
          emptyText={t('openDays.empty')}
          loadMoreTestId="open-days-load-more"
          data-testid="open-days-table"
        />
      </Card>
      <Suspense fallback={null}>
        {creating && (
          <CreateOpenDayModal
            onClose={(id) => {
              setCreating(false);
              if (id) navigate(`/open-days/${id}`);
            }}
          />
        )}
      </Suspense>
    </>
  );
}
