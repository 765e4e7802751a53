import type { OpenDayDetail, OpenDayRegistration } from '@anju/contracts/open-days';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, InputNumber, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCheckInOpenDay, useOpenDay, useRegisterOpenDay } from '../../api/openDays';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { CustomerPicker } from '../customers/CustomerPicker';
import './openDayStrings';
import { OpenDayStatusTag, RateTag } from './openDayTags';

/** Registers a buyer of the project (staff who may search customers). */
function RegisterBar({ day }: { day: OpenDayDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const register = useRegisterOpenDay(day.id);
  const [customerId, setCustomerId] = useState<string>();
  const [partySize, setPartySize] = useState(1);
  const submit = () =>
    customerId &&
    register.mutate(
      { customerId, partySize },
      {
        onSuccess: () => {
          message.success(t('openDays.saved'));
          setCustomerId(undefined);
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <div style={{ width: 280 }}>
        <CustomerPicker value={customerId} onChange={setCustomerId} excludeId="" testId="open-day-register-customer" />
      </div>
      <InputNumber
        min={1}
        max={10}
        value={partySize}
        onChange={(v) => setPartySize(v ?? 1)}
        aria-label={t('openDays.partySize')}
        addonBefore={t('openDays.partySize')}
        style={{ width: 140 }}
      />
      <Button
        type="primary"
        disabled={!customerId}
        loading={register.isPending}
        onClick={submit}
        data-testid="open-day-register"
      >
        {t('openDays.registerBuyer')}
      </Button>
    </Flex>
  );
}

function Registrations({ day }: { day: OpenDayDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const checkIn = useCheckInOpenDay(day.id);
  const may = can('journeys.work') && day.status !== 'cancelled';
  return (
    <Card title={`${t('openDays.registrations')} · ${day.registrations}`}>
      {may && can('customers.read') && <RegisterBar day={day} />}
      <Table<OpenDayRegistration>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={day.registrationList}
        locale={{ emptyText: t('openDays.noRegistrations') }}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `open-day-registration-${r.customerId}` }) as object}
        columns={[
          { key: 'customer', title: t('openDays.customer'), render: (_, r) => r.customerName ?? '—' },
          { key: 'unit', title: t('openDays.unit'), render: (_, r) => r.unitCode ?? '—' },
          { key: 'party', title: t('openDays.partySize'), align: 'end', render: (_, r) => r.partySize },
          { key: 'via', title: t('openDays.via'), render: (_, r) => t(`openDays.viaLabels.${r.via}`) },
          { key: 'at', title: t('openDays.registeredAt'), render: (_, r) => formatDateTime(r.registeredAt) },
          {
            key: 'checkIn',
            title: t('openDays.checkedIn'),
            render: (_, r) =>
              r.checkedInAt ? (
                <Tag color="green">{formatDateTime(r.checkedInAt)}</Tag>
              ) : may ? (
                <Button
                  size="small"
                  loading={checkIn.isPending && checkIn.variables === r.customerId}
                  onClick={() => checkIn.mutate(r.customerId, { onError: (e) => message.error(errorText(e)) })}
                  data-testid={`open-day-check-in-${r.customerId}`}
                >
                  {t('openDays.checkIn')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('openDays.notCheckedIn')}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}

// the call-off button and its dialog load after the board (managers only)
// the suggestions and issues card (answers, rectification photos) loads beside the board, out of its first chunk
const OpenDayItems = lazy(async () => ({ default: (await import('./OpenDayItems')).OpenDayItems }));
const CancelOpenDay = lazy(async () => ({ default: (await import('./CancelOpenDay')).CancelOpenDay }));

/**
 * The open-day board: the day with its registrations (register, check in), the suggestions and engineering issues
 * it collected with their answer / rectify / verify actions, and both rates (KPIS.md K5, K6) as they stand now.
 */
export function OpenDayBoardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useOpenDay(id);
  const can = useCan();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const day = query.data;
  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to="/open-days" aria-label={t('openDays.back')}>
              <ArrowLeftOutlined />
            </Link>
            {day?.title ?? t('openDays.title')}
            {day && <OpenDayStatusTag status={day.status} />}
          </Space>
        }
        extra={
          day?.status === 'planned' &&
          can('journeys.manage') && (
            <Suspense fallback={null}>
              <CancelOpenDay day={day} />
            </Suspense>
          )
        }
      />
      {day && (
        <Flex vertical gap={16}>
          <Card loading={query.isLoading}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'project', label: t('openDays.project'), children: day.projectName ?? '—' },
                {
                  key: 'time',
                  label: t('openDays.time'),
                  children: `${formatDateTime(day.startsAt)} – ${formatDateTime(day.endsAt).slice(11)}`,
                },
                { key: 'location', label: t('openDays.location'), children: day.location || '—' },
                { key: 'capacity', label: t('openDays.capacity'), children: day.capacity ?? t('openDays.noLimit') },
                {
                  key: 'invited',
                  label: t('openDays.invited'),
                  children: day.invitedAt ? formatDateTime(day.invitedAt) : '—',
                },
              ]}
            />
            <Flex gap={32} wrap style={{ marginTop: 16 }}>
              <Statistic title={t('openDays.registered')} value={day.registered} />
              <Statistic title={t('openDays.checkedIn')} value={day.checkedIn} />
              <div>
                <Typography.Text type="secondary">{t('openDays.replyRate')}</Typography.Text>
                <div>
                  <RateTag rate={day.kpis.replyRate} kind="replyRate" testId="open-day-reply-rate" />
                </div>
              </div>
              <div>
                <Typography.Text type="secondary">{t('openDays.rectificationRate')}</Typography.Text>
                <div>
                  <RateTag
                    rate={day.kpis.rectificationRate}
                    kind="rectificationRate"
                    testId="open-day-rectification-rate"
                  />
                </div>
              </div>
            </Flex>
          </Card>
          <Registrations day={day} />
          <Suspense fallback={<Card loading />}>
            <OpenDayItems day={day} />
          </Suspense>
        </Flex>
      )}
    </>
  );
}
