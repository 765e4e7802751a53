import { AMENITY_STATUSES, DISCLOSURE_RISK_TYPES } from '@anju/contracts/disclosure';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';

export interface RiskRow {
  type: (typeof DISCLOSURE_RISK_TYPES)[number];
  name: string;
  distanceM: number | null;
  note?: string | null;
}

export interface AmenityRow {
  name: string;
  promisedOn: Dayjs | null;
  status: (typeof AMENITY_STATUSES)[number];
  note?: string | null;
}

const cell = { style: { marginBottom: 0 } };

/** The last column of an editable table: a button removing its row. */
const removeColumn = (label: string, remove: (index: number) => void) => ({
  title: '',
  key: 'remove',
  width: 48,
  render: (_: unknown, f: { name: number }) => (
    <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} onClick={() => remove(f.name)} />
  ),
});

/** The pack's risks as an editable table (a Form.List named `risks`): type, name, distance in metres, note. */
export function RisksTable({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const typeOptions = DISCLOSURE_RISK_TYPES.map((v) => ({ value: v, label: t(`disclosure.riskTypes.${v}`) }));
  return (
    <Form.List name="risks">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('disclosure.noRisks') }}
            onRow={(_, i) => ({ 'data-testid': `risk-row-${i}` }) as never}
            columns={[
              {
                title: t('disclosure.riskType'),
                key: 'type',
                width: 180,
                render: (_, f) => (
                  <Form.Item {...cell} name={[f.name, 'type']} rules={[{ required: true }]}>
                    <Select
                      options={typeOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                      aria-label={t('disclosure.riskType')}
                      data-testid={`risk-type-${f.name}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('disclosure.riskName'),
                key: 'name',
                render: (_, f) => (
                  <Form.Item
                    {...cell}
                    name={[f.name, 'name']}
                    rules={[{ required: true, whitespace: true }, { max: 60 }]}
                  >
                    <Input aria-label={t('disclosure.riskName')} data-testid={`risk-name-${f.name}`} />
                  </Form.Item>
                ),
              },
              {
                title: t('disclosure.distance'),
                key: 'distanceM',
                width: 150,
                render: (_, f) => (
                  <Form.Item {...cell} name={[f.name, 'distanceM']} rules={[{ required: true }]}>
                    <InputNumber
                      min={0}
                      max={3000}
                      precision={0}
                      style={{ width: '100%' }}
                      aria-label={t('disclosure.distance')}
                      data-testid={`risk-distance-${f.name}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('disclosure.riskNote'),
                key: 'note',
                render: (_, f) => (
                  <Form.Item {...cell} name={[f.name, 'note']} rules={[{ max: 300 }]}>
                    <Input aria-label={t('disclosure.riskNote')} />
                  </Form.Item>
                ),
              },
              ...(readOnly ? [] : [removeColumn(t('disclosure.remove'), remove)]),
            ]}
          />
          {!readOnly && fields.length < 50 && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ name: '', distanceM: null, note: '' })}
              data-testid="add-risk"
            >
              {t('disclosure.addRisk')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/** The promised amenities as an editable table (a Form.List named `amenities`): name, promised date, status, note. */
export function AmenitiesTable({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const statusOptions = AMENITY_STATUSES.map((v) => ({ value: v, label: t(`disclosure.amenityStatuses.${v}`) }));
  return (
    <Form.List name="amenities">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('disclosure.noAmenities') }}
            columns={[
              {
                title: t('disclosure.amenityName'),
                key: 'name',
                render: (_, f) => (
                  <Form.Item
                    {...cell}
                    name={[f.name, 'name']}
                    rules={[{ required: true, whitespace: true }, { max: 60 }]}
                  >
                    <Input aria-label={t('disclosure.amenityName')} data-testid={`amenity-name-${f.name}`} />
                  </Form.Item>
                ),
              },
              {
                title: t('disclosure.promisedOn'),
                key: 'promisedOn',
                width: 160,
                render: (_, f) => (
                  <Form.Item {...cell} name={[f.name, 'promisedOn']}>
                    <DateField style={{ width: '100%' }} aria-label={t('disclosure.promisedOn')} />
                  </Form.Item>
                ),
              },
              {
                title: t('disclosure.amenityStatus'),
                key: 'status',
                width: 150,
                render: (_, f) => (
                  <Form.Item {...cell} name={[f.name, 'status']} rules={[{ required: true }]}>
                    <Select
                      options={statusOptions}
                      aria-label={t('disclosure.amenityStatus')}
                      data-testid={`amenity-status-${f.name}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('disclosure.amenityNote'),
                key: 'note',
                render: (_, f) => (
                  <Form.Item {...cell} name={[f.name, 'note']} rules={[{ max: 300 }]}>
                    <Input aria-label={t('disclosure.amenityNote')} />
                  </Form.Item>
                ),
              },
              ...(readOnly ? [] : [removeColumn(t('disclosure.remove'), remove)]),
            ]}
          />
          {!readOnly && fields.length < 50 && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ name: '', promisedOn: null, status: 'planned', note: '' })}
              data-testid="add-amenity"
            >
              {t('disclosure.addAmenity')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
