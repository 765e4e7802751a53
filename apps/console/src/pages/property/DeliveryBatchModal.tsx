import { Alert, App, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  type DeliveryBatch,
  type DeliveryBatchBody,
  useCreateDeliveryBatch,
  useUpdateDeliveryBatch,
} from '../../api/property';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { useCan } from '../../lib/permissions';
import '../handover/acceptanceStrings';
import '../kpiDataStrings';
import { fromDay, toDay, usePropertyRules } from './fields';

interface Values {
  name: string;
  plannedDate: Dayjs | null;
  actualDate: Dayjs | null;
  areaReportDate: Dayjs | null;
  /** Only after 409 ACCEPTANCE_FINDINGS_OPEN, for a CR manager. */
  overrideReason?: string;
}

const valuesOf = (b?: DeliveryBatch): Values => ({
  name: b?.name ?? '',
  plannedDate: fromDay(b?.plannedDate),
  actualDate: fromDay(b?.actualDate),
  areaReportDate: fromDay(b?.areaReportDate),
});

interface Props {
  projectId: string;
  /** Editing: the latest copy from the batch list (after a 409 it carries the new version). Absent: create. */
  batch?: DeliveryBatch;
  onClose: () => void;
}

export function DeliveryBatchModal({ projectId, batch, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateDeliveryBatch(projectId);
  const update = useUpdateDeliveryBatch(projectId);
  const rules = usePropertyRules();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState<string | null>(null);
  // open blocking acceptance findings that refused the delivery (409 ACCEPTANCE_FINDINGS_OPEN)
  const [blocked, setBlocked] = useState<number | null>(null);
  const canOverride = useCan()('journeys.manage');
  const actualDate = Form.useWatch('actualDate', form);
  const delivers = Boolean(actualDate) && toDay(actualDate) !== (batch?.actualDate ?? null);

  useEffect(() => {
    if (conflict && batch) form.setFieldsValue(valuesOf(batch));
  }, [form, batch, conflict]);

  const onError = (e: unknown) => {
    if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(errorText(e));
    if (e instanceof ApiError && e.code === 'ACCEPTANCE_FINDINGS_OPEN') {
      const n = (e.details as { openBlocking?: unknown } | undefined)?.openBlocking;
      return setBlocked(typeof n === 'number' ? n : 0);
    }
    applyServerErrors(form, e);
    message.error(errorText(e));
  };
  const onSuccess = () => {
    message.success(batch ? t('common.saved') : t('common.created'));
    onClose();
  };

  const onFinish = (v: Values) => {
    const body: DeliveryBatchBody = {
      name: v.name.trim(),
      plannedDate: toDay(v.plannedDate),
      actualDate: toDay(v.actualDate),
      areaReportDate: toDay(v.areaReportDate),
    };
    if (!batch) return create.mutate(body, { onSuccess, onError });
    const patch: Partial<DeliveryBatchBody> = {};
    if (body.name !== batch.name) patch.name = body.name;
    if (body.plannedDate !== batch.plannedDate) patch.plannedDate = body.plannedDate;
    if (body.actualDate !== batch.actualDate) patch.actualDate = body.actualDate;
    if (body.areaReportDate !== batch.areaReportDate) patch.areaReportDate = body.areaReportDate;
    if (Object.keys(patch).length === 0) return onClose();
    setConflict(null);
    const overrideReason = blocked !== null && patch.actualDate ? v.overrideReason?.trim() || undefined : undefined;
    update.mutate({ id: batch.id, version: batch.version, ...patch, overrideReason }, { onSuccess, onError });
  };

  return (
    <Modal
      open
      title={batch ? t('property.editBatch', { name: batch.name }) : t('property.newBatch')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('org.conflictReloaded')}
          style={{ marginBottom: 16 }}
          data-testid="batch-conflict"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={valuesOf(batch)}
        autoComplete="off"
      >
        <Form.Item name="name" label={t('property.batchName')} rules={rules.name(40)}>
          <Input autoFocus placeholder={t('property.batchNamePlaceholder')} data-testid="batch-name" />
        </Form.Item>
        <Form.Item name="plannedDate" label={t('property.plannedDate')}>
          <DateField style={{ width: '100%' }} data-testid="batch-plannedDate" />
        </Form.Item>
        <Form.Item name="actualDate" label={t('property.actualDate')} extra={t('property.actualDateHint')}>
          <DateField style={{ width: '100%' }} data-testid="batch-actualDate" />
        </Form.Item>
        <Form.Item name="areaReportDate" label={t('kpiData.areaReportDate')}>
          <DateField style={{ width: '100%' }} data-testid="batch-areaReportDate" />
        </Form.Item>
        {delivers && batch && batch.unitCount > 0 && (
          <Alert
            type="info"
            showIcon
            title={t('property.deliversUnits', { n: batch.unitCount, date: toDay(actualDate) })}
            style={{ marginBottom: 16 }}
          />
        )}
        {blocked !== null && delivers && (
          <>
            <Alert
              type="error"
              showIcon
              title={t('override.blocked', { n: blocked })}
              description={canOverride ? undefined : t('override.needManager')}
              style={{ marginBottom: 16 }}
              data-testid="batch-blocked"
            />
            {canOverride && (
              <Form.Item
                name="overrideReason"
                label={t('override.reasonLabel')}
                rules={[{ required: true, whitespace: true, min: 2 }, { max: 200 }]}
              >
                <Input placeholder={t('override.reasonHint')} data-testid="batch-override-reason" />
              </Form.Item>
            )}
          </>
        )}
        <FormFooter
          onCancel={onClose}
          submitText={
            blocked !== null && delivers && canOverride
              ? t('override.submit')
              : batch
                ? t('common.save')
                : t('common.create')
          }
          loading={create.isPending || update.isPending}
          testId="batch-submit"
        />
      </Form>
    </Modal>
  );
}
