import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type BusinessCalendar, useBusinessCalendar, useUpdateBusinessCalendar } from '../../api/sla';
import { ErrorState } from '../../components/ErrorState';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { useCan } from '../../lib/permissions';
import { DateListEditor } from './DateListEditor';

type Values = Pick<BusinessCalendar, 'workingHours' | 'workingWeekdays' | 'holidays' | 'makeupWorkdays'>;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const START = /^([01]\d|2[0-3]):[0-5]\d$/;
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Periods must be valid, end after they start and come in order without overlap (the server's rule). */
const periodsInOrder = (periods: Values['workingHours'] = []) => {
  let prevEnd = -1;
  for (const p of periods) {
    if (!START.test(p?.start ?? '') || !END.test(p?.end ?? '')) return true; // reported on the field
    const s = toMinutes(p.start);
    const e = toMinutes(p.end);
    if (s >= e || s < prevEnd) return false;
    prevEnd = e;
  }
  return true;
};

/** CALENDAR_INVALID lists what is wrong in `details.problems`. */
const problemsOf = (e: unknown): string[] => {
  if (!(e instanceof ApiError) || e.code !== 'CALENDAR_INVALID') return [];
  const d = e.details as { problems?: unknown } | undefined;
  return Array.isArray(d?.problems) ? d.problems.map(String) : [];
};

function CalendarForm({ companyId, calendar }: { companyId: string; calendar: BusinessCalendar }) {
  const { t } = useTranslation();
  const can = useCan();
  const readOnly = !can('sla.manage');
  const [form] = Form.useForm<Values>();
  const update = useUpdateBusinessCalendar(companyId);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [problems, setProblems] = useState<string[]>([]);

  const onFinish = (v: Values) => {
    setProblems([]);
    update.mutate(
      {
        workingHours: v.workingHours.map(({ start, end }) => ({ start: start.trim(), end: end.trim() })),
        workingWeekdays: [...v.workingWeekdays].sort(),
        holidays: v.holidays,
        makeupWorkdays: v.makeupWorkdays,
        version: calendar.version,
      },
      {
        onSuccess: () => message.success(t('sla.calendar.saved')),
        onError: (e) => {
          // the refetched calendar (new version) remounts this form with the stored values
          if (hasCode(e, 'VERSION_CONFLICT')) return void message.warning(t('sla.calendar.conflictReloaded'));
          setProblems(problemsOf(e));
          applyServerErrors(form, e);
          message.error(errorText(e));
        },
      },
    );
  };

  const timeRule = (pattern: RegExp) => ({ pattern, message: t('sla.calendar.timeFormat') });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={calendar}
      disabled={readOnly}
      style={{ maxWidth: 760 }}
    >
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Tag>{t('sla.calendar.version', { version: calendar.version })}</Tag>
        {calendar.builtin && <Alert type="info" showIcon title={t('sla.calendar.builtin')} />}
      </Flex>
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.map((p) => <div key={p}>{p}</div>)} style={{ marginBottom: 12 }} />
      )}
      <Form.List
        name="workingHours"
        rules={[
          {
            validator: (_, v: Values['workingHours']) =>
              periodsInOrder(v) ? Promise.resolve() : Promise.reject(new Error(t('sla.calendar.periodOrder'))),
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('sla.calendar.workingHours')} required>
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={[field.name, 'start']} rules={[timeRule(START)]} style={{ margin: 0 }}>
                    <Input
                      placeholder="09:00"
                      style={{ width: 100 }}
                      aria-label={`${t('sla.calendar.start')} ${i + 1}`}
                    />
                  </Form.Item>
                  <span style={{ lineHeight: '32px' }}>–</span>
                  <Form.Item name={[field.name, 'end']} rules={[timeRule(END)]} style={{ margin: 0 }}>
                    <Input
                      placeholder="18:00"
                      style={{ width: 100 }}
                      aria-label={`${t('sla.calendar.end')} ${i + 1}`}
                    />
                  </Form.Item>
                  {fields.length > 1 && !readOnly && (
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                  )}
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              {fields.length < 6 && !readOnly && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ start: '', end: '' })}
                  style={{ width: 'fit-content' }}
                >
                  {t('sla.calendar.addPeriod')}
                </Button>
              )}
            </Flex>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="workingWeekdays" label={t('sla.calendar.weekdays')}>
        <Checkbox.Group
          options={WEEKDAYS.map((d, i) => ({ value: i + 1, label: t(`sla.calendar.weekdayNames.${d}`) }))}
        />
      </Form.Item>
      <Form.Item name="holidays" label={t('sla.calendar.holidays')} extra={t('sla.calendar.holidaysHint')}>
        <DateListEditor disabled={readOnly} testId="sla-holidays" />
      </Form.Item>
      <Form.Item
        name="makeupWorkdays"
        label={t('sla.calendar.makeup')}
        extra={t('sla.calendar.makeupHint')}
        dependencies={['holidays']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: string[] = []) => {
              const holidays = new Set<string>(getFieldValue('holidays') ?? []);
              const both = v.filter((d) => holidays.has(d));
              return both.length
                ? Promise.reject(new Error(t('sla.calendar.overlap', { dates: both.join(', ') })))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <DateListEditor disabled={readOnly} testId="sla-makeup" />
      </Form.Item>
      {!readOnly && (
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="sla-calendar-save">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}

export function CalendarTab({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const query = useBusinessCalendar(companyId);
  if (query.isPending) return <Spin />;
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  return (
    <Flex vertical gap={12}>
      {!can('sla.manage') && <Typography.Text type="secondary">{t('sla.readOnly')}</Typography.Text>}
      <CalendarForm key={`${companyId}:${query.data.version}`} companyId={companyId} calendar={query.data} />
    </Flex>
  );
}
