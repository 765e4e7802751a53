import type { SlaNode, TICKET_PRIORITIES, TicketType } from '@anju/contracts';
import { CalculatorOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Flex, Form, Row, Select, Switch, Table, type TableColumnsType, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type SlaPreview, useSlaPreview } from '../../api/sla';
import { DateField, DateRangeField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorState';
import { useLanguage } from '../../i18n';
import { useFormatMinutes } from '../../lib/duration';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../lib/format';
import { applyServerErrors } from '../../lib/formErrors';
import { useSlaOptions } from './slaFields';

type NodeRow = SlaPreview['nodes'][number];
interface Values {
  type: TicketType;
  categoryCode?: string;
  priority: (typeof TICKET_PRIORITIES)[number];
  major: boolean;
  start: Dayjs;
  holds: { range: [Dayjs, Dayjs] }[];
}

/** The picked wall-clock time read as China time (no DST, so a fixed offset). */
const shanghaiIso = (d: Dayjs) => `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
/** Now as a China wall-clock time for the picker. */
const shanghaiNow = () => dayjs(formatDateTime(new Date().toISOString()));

/** `2025-03-01 10:04 周六`: the weekday matters when checking a business calendar. */
function ShanghaiTime({ iso }: { iso: string }) {
  const lang = useLanguage();
  const weekday = new Intl.DateTimeFormat(lang, { timeZone: DISPLAY_TIME_ZONE, weekday: 'short' }).format(
    new Date(iso),
  );
  return (
    <time dateTime={iso} title={iso} style={{ whiteSpace: 'nowrap' }}>
      {`${formatDateTime(iso)} ${weekday}`}
    </time>
  );
}

export function PreviewTab({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const preview = useSlaPreview();
  const options = useSlaOptions();
  const minutes = useFormatMinutes();
  const required = { required: true, message: t('validation.required') };

  const onFinish = (v: Values) =>
    preview.mutate(
      {
        companyId,
        type: v.type,
        categoryCode: v.categoryCode || undefined,
        priority: v.priority,
        major: v.major,
        start: shanghaiIso(v.start),
        holds: (v.holds ?? [])
          .filter((h) => h?.range?.[0] && h.range[1])
          .map((h) => ({ start: shanghaiIso(h.range[0]), end: shanghaiIso(h.range[1]) })),
      },
      { onError: (e) => applyServerErrors(form, e) },
    );

  const columns: TableColumnsType<NodeRow> = [
    { key: 'node', title: t('sla.policy.node'), render: (_, r) => t(`enums.slaNode.${r.node as SlaNode}`) },
    {
      key: 'limit',
      title: t('sla.policy.limit'),
      render: (_, r) => (
        <span
          style={{ whiteSpace: 'nowrap' }}
        >{`${minutes(r.limitMinutes, { exact: true, hours: r.mode === 'working' })} · ${t(`sla.modes.${r.mode}`)}`}</span>
      ),
    },
    { key: 'warnAt', title: t('sla.preview.warnAt'), render: (_, r) => <ShanghaiTime iso={r.warnAt} /> },
    {
      key: 'dueAt',
      title: t('sla.preview.dueAt'),
      render: (_, r) => (
        <Typography.Text strong>
          <ShanghaiTime iso={r.dueAt} />
        </Typography.Text>
      ),
    },
    {
      key: 'escalations',
      title: t('sla.preview.escalations'),
      render: (_, r) => (
        <Flex vertical gap={2}>
          {r.escalations.map((e) => (
            <span key={e.level} style={{ fontSize: 12 }}>
              {`L${e.level} `}
              <ShanghaiTime iso={e.at} />
            </span>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('sla.preview.hint')}</Typography.Text>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ type: 'repair', priority: 'normal', major: false, start: shanghaiNow(), holds: [] }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="type" label={t('sla.policy.type')} rules={[required]}>
              <Select options={options.types} data-testid="sla-preview-type" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="categoryCode" label={t('sla.policy.category')}>
              <Select
                allowClear
                placeholder={t('sla.any')}
                options={options.categories}
                loading={options.categoriesLoading}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12} md={6}>
            <Form.Item name="priority" label={t('sla.policy.priority')}>
              <Select options={options.priorities} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12} md={6}>
            <Form.Item name="major" label={t('sla.policy.major')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="start" label={t('sla.preview.start')} rules={[required]}>
              <DateField showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="holds">
          {(fields, { add, remove }) => (
            <Form.Item label={t('sla.preview.holds')}>
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="center">
                    <Form.Item name={[field.name, 'range']} rules={[required]} style={{ margin: 0 }}>
                      <DateRangeField showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                {fields.length < 20 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ width: 'fit-content' }}>
                    {t('sla.preview.addHold')}
                  </Button>
                )}
              </Flex>
            </Form.Item>
          )}
        </Form.List>
        <Button
          type="primary"
          htmlType="submit"
          icon={<CalculatorOutlined />}
          loading={preview.isPending}
          data-testid="sla-preview-run"
        >
          {t('sla.preview.run')}
        </Button>
      </Form>
      {preview.isError && <ErrorAlert error={preview.error} />}
      <Table<NodeRow>
        rowKey="node"
        size="small"
        columns={columns}
        dataSource={preview.data?.nodes ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('sla.preview.empty')} /> }}
        data-testid="sla-preview-table"
      />
    </Flex>
  );
}
