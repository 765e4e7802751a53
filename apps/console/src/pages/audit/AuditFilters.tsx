import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditFilters as Filters } from '../../api/types';
import { DateRangeField } from '../../components/DateField';
import { shanghaiDayBoundary } from '../../lib/format';

interface Values {
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const text = (v: string | undefined) => v?.trim() || undefined;

/** Picked calendar days are read as whole days in Asia/Shanghai. */
function toFilters(v: Values): Filters {
  const [from, to] = v.range ?? [null, null];
  return {
    action: text(v.action),
    entityType: text(v.entityType),
    entityId: text(v.entityId),
    from: from ? shanghaiDayBoundary(from.format('YYYY-MM-DD'), 'start') : undefined,
    to: to ? shanghaiDayBoundary(to.format('YYYY-MM-DD'), 'end') : undefined,
  };
}

export function AuditFilters({ onChange }: { onChange: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values>
      form={form}
      layout="inline"
      onFinish={(v) => onChange(toFilters(v))}
      style={{ marginBottom: 16, rowGap: 8 }}
    >
      <Form.Item name="action">
        <Input allowClear placeholder={t('audit.action')} style={{ width: 170 }} data-testid="audit-filter-action" />
      </Form.Item>
      <Form.Item name="entityType">
        <Input
          allowClear
          placeholder={t('audit.entityType')}
          style={{ width: 150 }}
          data-testid="audit-filter-entityType"
        />
      </Form.Item>
      <Form.Item name="entityId">
        <Input
          allowClear
          placeholder={t('audit.entityId')}
          style={{ width: 200 }}
          data-testid="audit-filter-entityId"
        />
      </Form.Item>
      <Form.Item name="range">
        <DateRangeField allowEmpty={[true, true]} aria-label={t('audit.dateRange')} data-testid="audit-filter-range" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
