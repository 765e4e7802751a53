import { CLUB_EVENT_KINDS, CLUB_EVENT_STATUSES } from '@anju/contracts/club-events';
import { Button, Card, Flex, Select, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClubEvent, type ClubEventKind, type EventFilter, useClubEvents } from '../../api/clubEvents';
import { CursorTable } from '../../components/CursorTable';
import { DateRangeField } from '../../components/DateField';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import './clubEventStrings';

const ClubEventDrawer = lazy(async () => ({ default: (await import('./ClubEventDrawer')).ClubEventDrawer }));
const EventFormModal = lazy(async () => ({ default: (await import('./EventFormModal')).EventFormModal }));

const rowProps = (e: ClubEvent) =>
  ({ 'data-testid': `club-event-row-${e.id}`, style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>;

/** The club's events I see: filters by kind, status and dates; creating one; each event's drawer. */
export function ClubEventsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filter, setFilter] = useState<EventFilter>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const query = useClubEvents(filter);
  const set = (patch: Partial<EventFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<ClubEvent> = [
    { key: 'title', title: t('clubEvents.name'), dataIndex: 'title' },
    {
      key: 'kind',
      title: t('clubEvents.kind'),
      render: (_, e) => (
        <>
          {t(`clubEvents.kinds.${e.kind}`)}
          {e.ageGroup ? ` · ${t(`clubEvents.ageGroups.${e.ageGroup}`)}` : ''}
        </>
      ),
    },
    { key: 'place', title: t('clubEvents.place'), render: (_, e) => e.orgUnitName ?? '—' },
    { key: 'startsAt', title: t('clubEvents.start'), render: (_, e) => <DateTime value={e.startsAt} /> },
    {
      key: 'places',
      title: t('clubEvents.registered'),
      align: 'end',
      render: (_, e) => (
        <span data-testid={`club-event-registered-${e.id}`}>
          {e.registered} / {e.capacity}
          {e.waitlisted ? ` (+${e.waitlisted})` : ''}
        </span>
      ),
    },
    {
      key: 'status',
      title: t('clubEvents.status'),
      render: (_, e) => (
        <Tag color={e.status === 'cancelled' ? 'default' : 'blue'}>{t(`clubEvents.statuses.${e.status}`)}</Tag>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('clubEvents.title')}
        extra={
          can('club.manage') ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="club-event-create">
              {t('clubEvents.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select<ClubEventKind | undefined>
            allowClear
            placeholder={t('clubEvents.allKinds')}
            value={filter.kind}
            onChange={(v) => set({ kind: v })}
            options={CLUB_EVENT_KINDS.map((value) => ({ value, label: t(`clubEvents.kinds.${value}`) }))}
            style={{ width: 180 }}
          />
          <Select<EventFilter['status']>
            allowClear
            placeholder={t('clubEvents.allStatuses')}
            value={filter.status}
            onChange={(v) => set({ status: v })}
            options={CLUB_EVENT_STATUSES.map((value) => ({ value, label: t(`clubEvents.statuses.${value}`) }))}
            style={{ width: 140 }}
          />
          <DateRangeField
            onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          />
        </Flex>
        <CursorTable<ClubEvent>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={(e) => ({ ...rowProps(e), onClick: () => setOpenId(e.id) })}
          emptyText={t('clubEvents.empty')}
        />
      </Card>
      <Suspense fallback={null}>
        {openId && <ClubEventDrawer id={openId} onClose={() => setOpenId(null)} />}
        {creating && (
          <EventFormModal
            onClose={(id) => {
              setCreating(false);
              if (id) setOpenId(id);
            }}
          />
        )}
      </Suspense>
    </>
  );
}
