import { AGE_GROUPS, CLUB_EVENT_KINDS } from '@anju/contracts/club-events';
import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  type AgeGroup,
  type ClubEventDetail,
  type ClubEventKind,
  useCreateEvent,
  useUpdateEvent,
} from '../../api/clubEvents';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useErrorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

interface Values {
  kind: ClubEventKind;
  title: string;
  description: string;
  ageGroup?: AgeGroup;
  openDayId?: string;
  orgUnitId?: string;
  venue: string;
  day?: Dayjs;
  start: string;
  end: string;
  capacity?: number | null;
  waitlist: boolean;
}

/** The China day and time of an instant (`YYYY-MM-DD HH:mm`), whatever the browser's zone. */
const china = (iso: string) => formatDateTime(iso).split(' ') as [string, string];

/** Creates an event, or edits one (times in China time on its day); closes with the event's id. */
export function EventFormModal({ event, onClose }: { event?: ClubEventDetail; onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateEvent();
  const update = useUpdateEvent(event?.id ?? '');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const kind = Form.useWatch('kind', form);

  const onFinish = (v: Values) => {
    const day = v.day?.format('YYYY-MM-DD') ?? '';
    const times = { startsAt: `${day}T${v.start}:00+08:00`, endsAt: `${day}T${v.end}:00+08:00` };
    const common = {
      title: v.title.trim(),
      description: v.description.trim(),
      venue: v.venue.trim(),
      capacity: v.capacity ?? 1,
      waitlist: v.waitlist,
      ageGroup: v.kind === 'programme' ? (v.ageGroup ?? null) : null,
      openDayId: v.kind === 'open_day' && v.openDayId ? v.openDayId.trim() : null,
      ...times,
    };
    const done = {
      onSuccess: (saved: ClubEventDetail) => {
        message.success(t('clubEvents.saved'));
        onClose(saved.id);
      },
      onError: (e: unknown) => message.error(errorText(e)),
    };
    if (event) update.mutate({ ...common, version: event.version }, done);
    else create.mutate({ ...common, kind: v.kind, orgUnitId: v.orgUnitId ?? '' }, done);
  };

  const initial: Partial<Values> = event
    ? {
        kind: event.kind,
        title: event.title,
        description: event.description,
        ageGroup: event.ageGroup ?? undefined,
        openDayId: event.openDayId ?? undefined,
        orgUnitId: event.orgUnitId,
        venue: event.venue,
        day: dayjs(china(event.startsAt)[0]),
        start: china(event.startsAt)[1],
        end: china(event.endsAt)[1],
        capacity: event.capacity,
        waitlist: event.waitlist,
      }
    : {
        kind: 'lecture',
        title: '',
        description: '',
        venue: '',
        start: '14:00',
        end: '16:00',
        capacity: 30,
        waitlist: true,
      };

  return (
    <Modal
      open
      title={t(event ? 'clubEvents.edit' : 'clubEvents.create')}
      onCancel={() => onClose()}
      footer={null}
      destroyOnHidden
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initial}
        autoComplete="off"
        data-testid="club-event-form"
      >
        <Form.Item name="kind" label={t('clubEvents.kind')} rules={[{ required: true }]}>
          <Select
            disabled={!!event}
            options={CLUB_EVENT_KINDS.map((value) => ({ value, label: t(`clubEvents.kinds.${value}`) }))}
            data-testid="club-event-kind"
          />
        </Form.Item>
        {kind === 'programme' && (
          <Form.Item name="ageGroup" label={t('clubEvents.ageGroup')} rules={[{ required: true }]}>
            <Select options={AGE_GROUPS.map((value) => ({ value, label: t(`clubEvents.ageGroups.${value}`) }))} />
          </Form.Item>
        )}
        {kind === 'open_day' && (
          <Form.Item name="openDayId" label={t('clubEvents.openDayId')}>
            <Input />
          </Form.Item>
        )}
        {!event && (
          <Form.Item name="orgUnitId" label={t('clubEvents.place')} rules={[{ required: true }]}>
            <OrgUnitTreeSelect
              selectable={(u) => u.type === 'project' || u.type === 'city_company'}
              testId="club-event-place"
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('clubEvents.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
          <Input data-testid="club-event-title" />
        </Form.Item>
        <Form.Item name="day" label={t('clubEvents.day')} rules={[{ required: true }]}>
          <DateField style={{ width: '100%' }} data-testid="club-event-day" />
        </Form.Item>
        <Form.Item label={t('clubEvents.time')} required style={{ marginBottom: 0 }}>
          <Form.Item name="start" rules={[{ required: true }]} style={{ display: 'inline-block', width: '48%' }}>
            <Input type="time" aria-label={t('clubEvents.start')} data-testid="club-event-start" />
          </Form.Item>
          <Form.Item
            name="end"
            rules={[{ required: true }]}
            style={{ display: 'inline-block', width: '48%', marginLeft: '4%' }}
          >
            <Input type="time" aria-label={t('clubEvents.end')} data-testid="club-event-end" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="venue" label={t('clubEvents.venue')} rules={[{ max: 120 }]}>
          <Input data-testid="club-event-venue" />
        </Form.Item>
        <Form.Item name="capacity" label={t('clubEvents.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="club-event-capacity" />
        </Form.Item>
        <Form.Item name="waitlist" valuePropName="checked">
          <Checkbox>{t('clubEvents.waitlist')}</Checkbox>
        </Form.Item>
        <Form.Item name="description" label={t('clubEvents.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <FormFooter
          onCancel={() => onClose()}
          submitText={t(event ? 'clubEvents.edit' : 'clubEvents.create')}
          loading={create.isPending || update.isPending}
          testId="club-event-submit"
        />
      </Form>
    </Modal>
  );
}
