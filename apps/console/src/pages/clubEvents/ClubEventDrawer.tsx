import { MEMBER_CLASSES, type MemberClass } from '@anju/contracts/club';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Popconfirm,
  Select,
  Space,
  Statistic,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useClubTiers } from '../../api/club';
import {
  type EventRegistration,
  useCancelRegistration,
  useClubEvent,
  useEventRegistrations,
  useInviteSegment,
  useMarkAttendance,
  useRegisterForEvent,
  useUpdateEvent,
} from '../../api/clubEvents';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { useTierName } from '../club/tierName';
import { CustomerPicker } from '../customers/CustomerPicker';

const EventFormModal = lazy(async () => ({ default: (await import('./EventFormModal')).EventFormModal }));

/** Registers a customer picked by name, mobile or unit. */
function RegisterCustomer({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const register = useRegisterForEvent(eventId);
  const [customerId, setCustomerId] = useState<string>();
  return (
    <Flex gap={8} align="center" wrap>
      <div style={{ minWidth: 280 }}>
        <CustomerPicker value={customerId} onChange={setCustomerId} excludeId="" testId="club-event-customer" />
      </div>
      <Button
        disabled={!customerId}
        loading={register.isPending}
        data-testid="club-event-register"
        onClick={() =>
          customerId &&
          register.mutate(customerId, {
            onSuccess: (r) => {
              message.success(
                t(r.status === 'waitlisted' ? 'clubEvents.registerWaitlisted' : 'clubEvents.registerDone'),
              );
              setCustomerId(undefined);
            },
            onError: (e) => message.error(errorText(e)),
          })
        }
      >
        {t('clubEvents.register')}
      </Button>
    </Flex>
  );
}

/** The SMS invitation to a segment of members (class, tier, project). */
function InviteSegment({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tiers = useClubTiers();
  const tierName = useTierName();
  const invite = useInviteSegment(eventId);
  const [segment, setSegment] = useState<{ class?: MemberClass; tier?: string; projectId?: string }>({});
  return (
    <Form layout="vertical">
      <Typography.Paragraph type="secondary">{t('clubEvents.inviteHelp')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Select<MemberClass | undefined>
          allowClear
          placeholder={t('clubEvents.memberClass')}
          value={segment.class}
          onChange={(v) => setSegment((s) => ({ ...s, class: v }))}
          options={MEMBER_CLASSES.map((value) => ({ value, label: t(`club.classes.${value}`) }))}
          style={{ width: 160 }}
        />
        <Select<string | undefined>
          allowClear
          placeholder={t('clubEvents.tier')}
          value={segment.tier}
          onChange={(v) => setSegment((s) => ({ ...s, tier: v }))}
          options={(tiers.data ?? []).map((x) => ({ value: x.code, label: tierName(x) }))}
          style={{ width: 160 }}
        />
        <ProjectFilter
          value={segment.projectId}
          onChange={(v) => setSegment((s) => ({ ...s, projectId: v }))}
          placeholder={t('clubEvents.project')}
          style={{ width: 200 }}
        />
        <Button
          loading={invite.isPending}
          data-testid="club-event-invite"
          onClick={() =>
            invite.mutate(segment, {
              onSuccess: (r) => message.success(t('clubEvents.inviteDone', r)),
              onError: (e) => message.error(errorText(e)),
            })
          }
        >
          {t('clubEvents.invite')}
        </Button>
      </Flex>
    </Form>
  );
}

/** One event: its counts, registrations (cancel, register a customer), the SMS invitation, edit and cancel. */
export function ClubEventDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const event = useClubEvent(id);
  const registrations = useEventRegistrations(id);
  const cancelRegistration = useCancelRegistration(id);
  const update = useUpdateEvent(id);
  const markAttendance = useMarkAttendance(id);
  const [editing, setEditing] = useState(false);
  const [attended, setAttended] = useState<string[]>([]);
  const e = event.data;
  const manage = can('club.manage') && e?.status === 'scheduled';
  // after the start, attendance can be marked from the paper sign-in sheet (people who were not scanned at the door)
  const sheet = manage && e !== undefined && new Date(e.startsAt).getTime() <= Date.now();

  const columns: TableColumnsType<EventRegistration> = [
    { key: 'name', title: t('clubEvents.customer'), render: (_, r) => r.customerName ?? '—' },
    { key: 'card', title: t('clubEvents.cardNo'), render: (_, r) => r.cardNo ?? '—' },
    {
      key: 'status',
      title: t('clubEvents.status'),
      render: (_, r) => (
        <Tag color={r.status === 'registered' ? 'blue' : r.status === 'waitlisted' ? 'orange' : 'default'}>
          {t(`clubEvents.registrationStatuses.${r.status}`)}
        </Tag>
      ),
    },
    {
      key: 'via',
      title: t('clubEvents.via'),
      render: (_, r) => t(r.via === 'portal' ? 'clubEvents.viaPortal' : 'clubEvents.viaConsole'),
    },
    { key: 'checkedIn', title: t('clubEvents.checkedInAt'), render: (_, r) => <DateTime value={r.checkedInAt} /> },
    { key: 'callback', title: t('clubEvents.callback'), render: (_, r) => t(`clubEvents.callbacks.${r.callback}`) },
    {
      key: 'actions',
      title: '',
      render: (_, r) =>
        manage && r.status !== 'cancelled' && !r.checkedInAt ? (
          <Popconfirm
            title={t('clubEvents.cancelRegistrationConfirm')}
            onConfirm={() => cancelRegistration.mutate(r.id, { onError: (err) => message.error(errorText(err)) })}
          >
            <Button size="small" danger type="link">
              {t('clubEvents.cancelRegistration')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Drawer open onClose={onClose} width={920} title={e?.title ?? t('clubEvents.title')} destroyOnHidden>
      {e && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Flex justify="space-between" wrap gap={8}>
            <Descriptions size="small" column={2} style={{ flex: 1 }}>
              <Descriptions.Item label={t('clubEvents.kind')}>
                {t(`clubEvents.kinds.${e.kind}`)}
                {e.ageGroup ? ` · ${t(`clubEvents.ageGroups.${e.ageGroup}`)}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('clubEvents.status')}>
                {t(`clubEvents.statuses.${e.status}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('clubEvents.place')}>{e.orgUnitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('clubEvents.venue')}>{e.venue || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('clubEvents.start')}>
                <DateTime value={e.startsAt} />
              </Descriptions.Item>
              <Descriptions.Item label={t('clubEvents.end')}>
                <DateTime value={e.endsAt} />
              </Descriptions.Item>
              {e.openDayId && <Descriptions.Item label={t('clubEvents.openDayId')}>{e.openDayId}</Descriptions.Item>}
            </Descriptions>
            <Space wrap>
              {manage && (
                <Link to={`/club/events/${e.id}/check-in`} data-testid="club-event-check-in-link">
                  <Button type="primary">{t('clubEvents.checkIn')}</Button>
                </Link>
              )}
              {manage && <Button onClick={() => setEditing(true)}>{t('clubEvents.edit')}</Button>}
              {manage && (
                <Popconfirm
                  title={t('clubEvents.cancelEventConfirm')}
                  onConfirm={() =>
                    update.mutate(
                      { status: 'cancelled', version: e.version },
                      { onError: (err) => message.error(errorText(err)) },
                    )
                  }
                >
                  <Button danger>{t('clubEvents.cancelEvent')}</Button>
                </Popconfirm>
              )}
            </Space>
          </Flex>
          <Flex gap={32} wrap data-testid="club-event-counts">
            <Statistic title={t('clubEvents.registered')} value={e.counts.registered} suffix={`/ ${e.capacity}`} />
            <Statistic title={t('clubEvents.waitlisted')} value={e.counts.waitlisted} />
            <Statistic title={t('clubEvents.checkedIn')} value={e.counts.checkedIn} />
            <Statistic title={t('clubEvents.callbacksAnswered')} value={e.counts.callbacksAnswered} />
            <Statistic title={t('clubEvents.invited')} value={e.counts.invited} />
          </Flex>
          {manage && <RegisterCustomer eventId={e.id} />}
          {sheet && (
            <Flex gap={8} align="center" wrap>
              <Typography.Text type="secondary">{t('clubEvents.attendanceHelp')}</Typography.Text>
              <Button
                disabled={attended.length === 0}
                loading={markAttendance.isPending}
                data-testid="club-event-mark-attendance"
                onClick={() =>
                  markAttendance.mutate(attended, {
                    onSuccess: (r) => {
                      message.success(t('clubEvents.attendanceDone', r));
                      setAttended([]);
                    },
                    onError: (err) => message.error(errorText(err)),
                  })
                }
              >
                {t('clubEvents.markAttendance', { count: attended.length })}
              </Button>
            </Flex>
          )}
          <CursorTable<EventRegistration>
            query={registrations}
            rowKey="id"
            columns={columns}
            size="small"
            rowSelection={
              sheet
                ? {
                    selectedRowKeys: attended,
                    onChange: (keys) => setAttended(keys as string[]),
                    getCheckboxProps: (r) => ({ disabled: r.status !== 'registered' || Boolean(r.checkedInAt) }),
                  }
                : undefined
            }
            onRow={(r) => ({ 'data-testid': `club-event-registration-${r.customerId}` }) as never}
          />
          {manage && <InviteSegment eventId={e.id} />}
        </Space>
      )}
      <Suspense fallback={null}>
        {editing && e && <EventFormModal event={e} onClose={() => setEditing(false)} />}
      </Suspense>
    </Drawer>
  );
}
