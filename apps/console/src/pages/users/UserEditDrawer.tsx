import type { User } from '@anju/contracts';
import { UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Form, Input, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateUserBody, UserStatus } from '../../api/types';
import { useUpdateUser } from '../../api/users';
import { FormFooter } from '../../components/FormFooter';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { hasCode, useErrorText } from '../../lib/errors';
import { isFuture } from '../../lib/format';
import { applyServerErrors } from '../../lib/formErrors';
import { blankToNull, DepartmentSelect, RoleSelect, useDepartments, useUserRules } from './fields';

interface Values {
  displayName: string;
  orgUnitId: string;
  departmentId: string | null;
  email?: string;
  phone?: string;
  roleIds: string[];
  status: UserStatus;
  password?: string;
}

const valuesOf = (u: User): Values => ({
  displayName: u.displayName,
  orgUnitId: u.orgUnitId,
  departmentId: u.departmentId,
  email: u.email ?? '',
  phone: '',
  roleIds: u.roles.map((r) => r.id),
  status: u.status,
  password: '',
});

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Only changed fields are sent, with the version the form was loaded from. */
function diff(user: User, v: Values): UpdateUserBody {
  const body: UpdateUserBody = { version: user.version };
  if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
  if (v.orgUnitId !== user.orgUnitId) body.orgUnitId = v.orgUnitId;
  if ((v.departmentId ?? null) !== user.departmentId) body.departmentId = v.departmentId ?? null;
  if (blankToNull(v.email) !== user.email) body.email = blankToNull(v.email);
  if (v.phone?.trim()) body.phone = v.phone.trim();
  if (
    !sameSet(
      v.roleIds,
      user.roles.map((r) => r.id),
    )
  )
    body.roleIds = v.roleIds;
  if (v.status !== user.status) body.status = v.status;
  if (v.password) body.password = v.password;
  return body;
}

/** `user` is the latest copy from the list, so after a 409 and refetch it carries the new version. */
export function UserEditDrawer({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateUser();
  const unlock = useUpdateUser();
  const rules = useUserRules();
  const departments = useDepartments();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [conflict, setConflict] = useState<string | null>(null);
  const orgUnitId = Form.useWatch('orgUnitId', form);
  const locked = isFuture(user.lockedUntil);

  // after a 409 the lists are refetched: show what is stored now before the user retries
  useEffect(() => {
    if (conflict) form.setFieldsValue(valuesOf(user));
  }, [form, user, conflict]);

  const onValuesChange = (changed: Partial<Values>) => {
    if (!('orgUnitId' in changed)) return;
    const departmentId = form.getFieldValue('departmentId') as string | null;
    if (departmentId && !departments.list(changed.orgUnitId).some((d) => d.id === departmentId)) {
      form.setFieldValue('departmentId', null);
    }
  };

  const onError = (e: unknown) => {
    if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(errorText(e));
    applyServerErrors(form, e, { DEPARTMENT_INVALID: 'departmentId', CANNOT_DISABLE_SELF: 'status' });
    message.error(errorText(e));
  };

  const onFinish = (v: Values) => {
    const body = diff(user, v);
    if (Object.keys(body).length === 1) return onClose();
    setConflict(null);
    update.mutate(
      { id: user.id, ...body },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError,
      },
    );
  };

  const onUnlock = () =>
    unlock.mutate(
      { id: user.id, version: user.version, unlock: true },
      { onSuccess: () => message.success(t('users.unlocked')), onError },
    );

  const unlockButton = locked && (
    <Button icon={<UnlockOutlined />} onClick={onUnlock} loading={unlock.isPending} data-testid="user-unlock">
      {t('users.unlock')}
    </Button>
  );

  return (
    <Drawer open title={t('users.editTitle', { username: user.username })} onClose={onClose} size={520} destroyOnHidden>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('org.conflictReloaded')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        initialValues={valuesOf(user)}
        autoComplete="off"
      >
        <Form.Item name="displayName" label={t('users.displayName')} rules={rules.displayName}>
          <Input autoFocus data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('users.orgUnit')} rules={[rules.required]}>
          <OrgUnitTreeSelect testId="user-orgUnit" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')} extra={t('users.departmentHint')}>
          <DepartmentSelect orgUnitId={orgUnitId} testId="user-department" />
        </Form.Item>
        <Form.Item name="roleIds" label={t('users.roles')} rules={rules.roleIds}>
          <RoleSelect current={user.roles} testId="user-roles" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={rules.email}>
          <Input type="email" data-testid="user-email" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={rules.phone}
          extra={user.phoneMasked ? t('users.phoneKeep', { masked: user.phoneMasked }) : undefined}
        >
          <Input inputMode="tel" placeholder={user.phoneMasked ?? undefined} data-testid="user-phone" />
        </Form.Item>
        <Form.Item name="status" label={t('users.status')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'active', label: t('users.statusActive') },
              { value: 'disabled', label: t('users.statusDisabled') },
            ]}
            data-testid="user-status"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          rules={rules.optionalPassword}
          extra={t('users.newPasswordHelp')}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('common.save')}
          loading={update.isPending}
          testId="user-submit"
          extra={unlockButton}
        />
      </Form>
    </Drawer>
  );
}
