import { PROPERTY_HANDOVER_ITEMS, type PropertyHandoverItem } from '@anju/contracts/property-handover';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PropertyHandover, useRatePropertyHandover, useRecordPropertyHandover } from '../../api/propertyHandover';
import { DateField } from '../../components/DateField';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/formErrors';
import { submitOnCtrlEnter } from '../../lib/keys';
import { fromDay, toDay } from '../property/fields';

interface RecordValues {
  handedOverOn: Dayjs | null;
  items: { code?: PropertyHandoverItem; quantity: number | null; note?: string | null }[];
  note?: string | null;
}

interface Props {
  batchId: string;
  /** The stored record being corrected; absent: the first record. */
  handover: PropertyHandover | null;
  onClose: () => void;
}

/** Conflicts of a write: the card reloads the stored record, the dialog says why and closes. */
function useConflict(onClose: () => void) {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return (e: unknown) => {
    if (hasCode(e, 'VERSION_CONFLICT') || hasCode(e, 'PROPERTY_HANDOVER_RATED')) {
      message.warning(errorText(e));
      onClose();
      return true;
    }
    return false;
  };
}

/** Records (or corrects, until rated) what the batch handed over to the property company, and when. */
export function RecordHandoverModal({ batchId, handover, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<RecordValues>();
  const record = useRecordPropertyHandover(batchId);
  const conflict = useConflict(onClose);
  const chosen = Form.useWatch('items', form) ?? [];
  const [error, setError] = useState<string | null>(null);

  const onFinish = (v: RecordValues) => {
    setError(null);
    record.mutate(
      {
        handedOverOn: toDay(v.handedOverOn) ?? '',
        items: v.items.map((i) => ({
          code: i.code as PropertyHandoverItem,
          quantity: i.quantity ?? 0,
          note: i.note?.trim() || null,
        })),
        note: v.note?.trim() || null,
        version: handover?.version,
      },
      {
        onSuccess: () => {
          message.success(t('propertyHandover.saved'));
          onClose();
        },
        onError: (e) => {
          if (conflict(e)) return;
          if (!applyFieldErrors(form, e)) setError(errorText(e));
        },
      },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={t('propertyHandover.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'ph-submit' } as never}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<RecordValues>
        form={form}
        layout="vertical"
        autoComplete="off"
        onFinish={onFinish}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
        initialValues={{
          handedOverOn: fromDay(handover?.handedOverOn) ?? dayjs(),
          items: handover?.items ?? [{ code: 'keys', quantity: null, note: '' }],
          note: handover?.note ?? '',
        }}
      >
        <Form.Item name="handedOverOn" label={t('propertyHandover.handedOverOn')} rules={[{ required: true }]}>
          <DateField
            autoFocus
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            style={{ width: 200 }}
            data-testid="ph-date"
          />
        </Form.Item>
        <Form.Item label={t('propertyHandover.items')} required>
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_, v) =>
                  v?.length ? undefined : Promise.reject(new Error(t('validation.required'))),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap data-testid={`ph-item-${f.name}`}>
                    <Form.Item name={[f.name, 'code']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                      <Select
                        style={{ width: 200 }}
                        aria-label={t('propertyHandover.item')}
                        placeholder={t('propertyHandover.item')}
                        options={PROPERTY_HANDOVER_ITEMS.map((code) => ({
                          value: code,
                          label: t(`propertyHandover.items_.${code}`),
                          disabled: chosen.some((c, i) => i !== f.name && c?.code === code),
                        }))}
                        data-testid={`ph-code-${f.name}`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                      <InputNumber
                        min={0}
                        max={100_000}
                        precision={0}
                        placeholder={t('propertyHandover.quantity')}
                        aria-label={t('propertyHandover.quantity')}
                        data-testid={`ph-quantity-${f.name}`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']} rules={[{ max: 200 }]} style={{ marginBottom: 0 }}>
                      <Input
                        style={{ width: 220 }}
                        placeholder={t('propertyHandover.itemNote')}
                        aria-label={t('propertyHandover.itemNote')}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.close')}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                ))}
                {fields.length < PROPERTY_HANDOVER_ITEMS.length && (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ quantity: null, note: '' })}
                    data-testid="ph-add"
                  >
                    {t('propertyHandover.addItem')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="note" label={t('propertyHandover.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RateValues {
  timely: boolean;
  complete: boolean;
  comment?: string;
}

/** The property company's verdict, once: satisfied with the timeliness? with the completeness? */
export function RateHandoverModal({ batchId, handover, onClose }: Props & { handover: PropertyHandover }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<RateValues>();
  const rate = useRatePropertyHandover(batchId);
  const conflict = useConflict(onClose);
  const [error, setError] = useState<string | null>(null);
  const yesNo = [
    { value: true, label: t('propertyHandover.yes') },
    { value: false, label: t('propertyHandover.no') },
  ];
  const onFinish = (v: RateValues) => {
    setError(null);
    rate.mutate(
      { timely: v.timely, complete: v.complete, comment: v.comment?.trim() || null, version: handover.version },
      {
        onSuccess: () => {
          message.success(t('propertyHandover.rated'));
          onClose();
        },
        onError: (e) => {
          if (conflict(e)) return;
          // 403 PROPERTY_HANDOVER_RATER: only the property company (or a CR manager for it) rates
          setError(errorText(e));
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('propertyHandover.rateTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('propertyHandover.rate')}
      okButtonProps={{ 'data-testid': 'ph-rate-submit' } as never}
      confirmLoading={rate.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="ph-rate-error" />}
      <Form<RateValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onKeyDown={submitOnCtrlEnter(() => form.submit())}
      >
        <Form.Item name="timely" label={t('propertyHandover.timely')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={yesNo} data-testid="ph-timely" />
        </Form.Item>
        <Form.Item name="complete" label={t('propertyHandover.complete')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={yesNo} data-testid="ph-complete" />
        </Form.Item>
        <Form.Item name="comment" label={t('propertyHandover.comment')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} data-testid="ph-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
