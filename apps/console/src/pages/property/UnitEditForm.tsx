import { UNIT_FINISHES, UNIT_STATUSES, type Unit } from '@anju/contracts';
import { Alert, App, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type UpdateUnitBody, useUpdateUnit } from '../../api/property';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import '../kpiDataStrings';
import { blankToNull, fromDay, toDay, usePropertyRules } from './fields';

interface Values {
  status: Unit['status'];
  finish: Unit['finish'];
  area: number | null;
  layout?: string;
  productType?: string;
  surveyedArea: number | null;
  deliveredOn: Dayjs | null;
}

const valuesOf = (u: Unit): Values => ({
  status: u.status,
  finish: u.finish,
  area: u.area,
  layout: u.layout ?? '',
  productType: u.productType ?? '',
  surveyedArea: u.surveyedArea,
  deliveredOn: fromDay(u.deliveredOn),
});

/** Only changed fields are sent, with the version the form was loaded from. */
function diff(u: Unit, v: Values): UpdateUnitBody {
  const body: UpdateUnitBody = { version: u.version };
  if (v.status !== u.status) body.status = v.status;
  if (v.finish !== u.finish) body.finish = v.finish;
  if ((v.area ?? null) !== u.area) body.area = v.area ?? null;
  if (blankToNull(v.layout) !== u.layout) body.layout = blankToNull(v.layout);
  if (blankToNull(v.productType) !== u.productType) body.productType = blankToNull(v.productType);
  if ((v.surveyedArea ?? null) !== u.surveyedArea) body.surveyedArea = v.surveyedArea ?? null;
  if (toDay(v.deliveredOn) !== u.deliveredOn) body.deliveredOn = toDay(v.deliveredOn);
  return body;
}

interface Props {
  /** The latest copy from the grid's query: after a 409 it carries the new version. */
  unit: Unit;
  /** The project's active product types: the unit's type is one of them. */
  productTypes: string[];
  onDone: () => void;
}

export function UnitEditForm({ unit, productTypes, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateUnit();
  const rules = usePropertyRules();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState<string | null>(null);

  useEffect(() => {
    if (conflict) form.setFieldsValue(valuesOf(unit));
  }, [form, unit, conflict]);

  const onFinish = (v: Values) => {
    const body = diff(unit, v);
    if (Object.keys(body).length === 1) return onDone();
    setConflict(null);
    update.mutate(
      { id: unit.id, ...body },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onDone();
        },
        onError: (e) => {
          if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(errorText(e));
          applyServerErrors(form, e);
          message.error(errorText(e));
        },
      },
    );
  };

  // delivered and moved-in homes need a delivery date for their warranty to run: a warning, not a block
  const deliveredOnRule = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    warningOnly: true,
    validator: (_: unknown, v: Dayjs | null) =>
      !v && ['delivered', 'moved_in'].includes(getFieldValue('status') as string)
        ? Promise.reject(new Error(t('property.v.deliveredOnSuggested')))
        : Promise.resolve(),
  });

  return (
    <>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('org.conflictReloaded')}
          style={{ marginBottom: 16 }}
          data-testid="unit-conflict"
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={valuesOf(unit)} autoComplete="off">
        <Form.Item name="status" label={t('property.status')}>
          <Select
            autoFocus
            options={UNIT_STATUSES.map((s) => ({ value: s, label: t(`property.statuses.${s}`) }))}
            data-testid="unit-status"
          />
        </Form.Item>
        <Form.Item name="finish" label={t('property.finish')}>
          <Radio.Group
            optionType="button"
            options={UNIT_FINISHES.map((f) => ({ value: f, label: t(`property.finishes.${f}`) }))}
            data-testid="unit-finish"
          />
        </Form.Item>
        <Form.Item name="area" label={t('property.area')} rules={rules.area}>
          <InputNumber<number>
            min={0.01}
            max={10_000}
            precision={2}
            suffix="m²"
            style={{ width: '100%' }}
            data-testid="unit-area"
          />
        </Form.Item>
        <Form.Item name="layout" label={t('property.layout')} rules={[rules.max(40)]}>
          <Input placeholder={t('property.layoutPlaceholder')} data-testid="unit-layout" />
        </Form.Item>
        <Form.Item name="productType" label={t('property.productType')}>
          <Select
            allowClear
            options={[...new Set([...productTypes, ...(unit.productType ? [unit.productType] : [])])].map((p) => ({
              value: p,
              label: p,
            }))}
            data-testid="unit-productType"
          />
        </Form.Item>
        <Form.Item name="surveyedArea" label={t('kpiData.surveyedArea')} extra={t('kpiData.areaRule')}>
          <InputNumber<number>
            min={0.01}
            max={10_000}
            precision={2}
            suffix="m²"
            style={{ width: '100%' }}
            data-testid="unit-surveyedArea"
          />
        </Form.Item>
        <Form.Item
          name="deliveredOn"
          label={t('property.deliveredOn')}
          dependencies={['status']}
          rules={[deliveredOnRule]}
        >
          <DateField style={{ width: '100%' }} data-testid="unit-deliveredOn" />
        </Form.Item>
        <FormFooter onCancel={onDone} submitText={t('common.save')} loading={update.isPending} testId="unit-submit" />
      </Form>
    </>
  );
}
