import type { OrgUnit } from '@anju/contracts';
import { Alert, App, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateOrgUnit } from '../../api/org';
import type { UpdateOrgUnitBody } from '../../api/types';
import { FormFooter } from '../../components/FormFooter';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { ORG_CODE_PATTERN } from '../../lib/validation';

interface Values {
  name: string;
  code: string;
  active: boolean;
}

const valuesOf = (unit: OrgUnit): Values => ({ name: unit.name, code: unit.code, active: unit.active });

interface Props {
  /** The latest copy from the list query: after a conflict it carries the new version. */
  unit: OrgUnit;
  onClose: () => void;
}

export function EditOrgModal({ unit, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateOrgUnit();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState<string | null>(null);

  // after a 409 the list is refetched (api/org.ts): show what is stored now before the user retries
  useEffect(() => {
    if (conflict) form.setFieldsValue(valuesOf(unit));
  }, [form, unit, conflict]);

  const onFinish = (values: Values) => {
    const patch: UpdateOrgUnitBody = { version: unit.version };
    if (values.name.trim() !== unit.name) patch.name = values.name.trim();
    if (values.code.trim() !== unit.code) patch.code = values.code.trim();
    if (values.active !== unit.active) patch.active = values.active;
    if (Object.keys(patch).length === 1) return onClose();
    setConflict(null);
    update.mutate(
      { id: unit.id, ...patch },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => {
          if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(errorText(e));
          applyServerErrors(form, e, { ORG_CODE_TAKEN: 'code', ORG_HAS_ACTIVE_CHILDREN: 'active' });
          message.error(errorText(e));
        },
      },
    );
  };

  return (
    <Modal open title={t('org.editTitle', { name: unit.name })} onCancel={onClose} footer={null} destroyOnHidden>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('org.conflictReloaded')}
          style={{ marginBottom: 16 }}
          data-testid="org-conflict"
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={valuesOf(unit)}>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 60, message: t('validation.maxLength', { max: 60 }) },
          ]}
        >
          <Input autoFocus data-testid="org-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: ORG_CODE_PATTERN, message: t('validation.codeRule') },
          ]}
        >
          <Input data-testid="org-code" />
        </Form.Item>
        <Form.Item name="active" label={t('org.active')} valuePropName="checked">
          <Switch data-testid="org-active" />
        </Form.Item>
        <FormFooter onCancel={onClose} submitText={t('common.save')} loading={update.isPending} testId="org-submit" />
      </Form>
    </Modal>
  );
}
