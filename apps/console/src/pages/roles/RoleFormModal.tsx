import type { Permission, Role } from '@anju/contracts';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateRole, useUpdateRole } from '../../api/roles';
import type { UpdateRoleBody } from '../../api/types';
import { FormFooter } from '../../components/FormFooter';
import { useBilingual } from '../../i18n';
import { hasCode, useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { useCan } from '../../lib/permissions';
import { ROLE_KEY_PATTERN } from '../../lib/validation';
import { PermissionPicker } from './PermissionPicker';

interface Values {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: Permission[];
}

const valuesOf = (role: Role | undefined): Values => ({
  key: role?.key ?? '',
  nameZh: role?.nameZh ?? '',
  nameEn: role?.nameEn ?? '',
  permissions: role?.permissions ?? [],
});

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Creates a custom role, or edits the names and permission set of `role` (sending its version). */
export function RoleFormModal({ role, onClose }: { role?: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateRole();
  const update = useUpdateRole();
  const can = useCan();
  const name = useBilingual();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState<string | null>(null);

  useEffect(() => {
    if (conflict) form.setFieldsValue(valuesOf(role));
  }, [form, role, conflict]);

  const onError = (e: unknown) => {
    if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(errorText(e));
    applyServerErrors(form, e, { ROLE_KEY_TAKEN: 'key', PERMISSION_ESCALATION: 'permissions' });
    message.error(errorText(e));
  };
  const onSuccess = () => {
    message.success(role ? t('common.saved') : t('common.created'));
    onClose();
  };

  const onFinish = (v: Values) => {
    const names = { nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim() };
    if (!role)
      return create.mutate({ key: v.key.trim(), ...names, permissions: v.permissions }, { onSuccess, onError });
    const body: UpdateRoleBody = { version: role.version };
    if (names.nameZh !== role.nameZh) body.nameZh = names.nameZh;
    if (names.nameEn !== role.nameEn) body.nameEn = names.nameEn;
    if (!sameSet(v.permissions, role.permissions)) body.permissions = v.permissions;
    if (Object.keys(body).length === 1) return onClose();
    setConflict(null);
    update.mutate({ id: role.id, ...body }, { onSuccess, onError });
  };

  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <Modal
      open
      title={role ? t('roles.editTitle', { name: name(role) }) : t('roles.createTitle')}
      onCancel={onClose}
      footer={null}
      width={860}
      destroyOnHidden
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('org.conflictReloaded')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={valuesOf(role)}>
        <Form.Item
          name="key"
          label={t('roles.key')}
          extra={role ? undefined : t('validation.roleKeyRule')}
          rules={role ? [] : [required, { pattern: ROLE_KEY_PATTERN, message: t('validation.roleKeyRule') }]}
        >
          <Input autoFocus={!role} disabled={!!role} autoCapitalize="none" spellCheck={false} data-testid="role-key" />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('roles.nameZh')}
          rules={[required, { max: 30, message: t('validation.maxLength', { max: 30 }) }]}
        >
          <Input autoFocus={!!role} data-testid="role-nameZh" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('roles.nameEn')}
          rules={[required, { max: 60, message: t('validation.maxLength', { max: 60 }) }]}
        >
          <Input data-testid="role-nameEn" />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker grantable={can} testId="role-permissions" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={role ? t('common.save') : t('common.create')}
          loading={create.isPending || update.isPending}
          testId="role-submit"
        />
      </Form>
    </Modal>
  );
}
