import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateUser } from '../../api/users';
import { FormFooter } from '../../components/FormFooter';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { blankToNull, DepartmentSelect, RoleSelect, useDepartments, useUserRules } from './fields';

interface Values {
  username: string;
  displayName: string;
  password: string;
  orgUnitId: string;
  departmentId?: string | null;
  email?: string;
  phone?: string;
  roleIds: string[];
}

export function UserCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const rules = useUserRules();
  const departments = useDepartments();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const orgUnitId = Form.useWatch('orgUnitId', form);

  const onValuesChange = (changed: Partial<Values>) => {
    if (!('orgUnitId' in changed)) return;
    const departmentId = form.getFieldValue('departmentId') as string | null | undefined;
    if (departmentId && !departments.list(changed.orgUnitId).some((d) => d.id === departmentId)) {
      form.setFieldValue('departmentId', null);
    }
  };

  const onFinish = (v: Values) =>
    create.mutate(
      {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        orgUnitId: v.orgUnitId,
        departmentId: v.departmentId ?? null,
        email: blankToNull(v.email),
        phone: blankToNull(v.phone),
        roleIds: v.roleIds,
      },
      {
        onSuccess: (user) => {
          message.success(`${t('common.created')}: ${user.username}`);
          onClose();
        },
        onError: (e) => {
          applyServerErrors(form, e, { USERNAME_TAKEN: 'username', DEPARTMENT_INVALID: 'departmentId' });
          message.error(errorText(e));
        },
      },
    );

  return (
    <Modal open title={t('users.createTitle')} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        initialValues={{ roleIds: [], departmentId: null }}
        autoComplete="off"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={rules.username}
          extra={t('validation.usernameRule')}
        >
          <Input autoFocus autoCapitalize="none" spellCheck={false} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={rules.displayName}>
          <Input data-testid="user-displayName" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={rules.password}
          extra={t('validation.passwordRule')}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('users.orgUnit')} rules={[rules.required]}>
          <OrgUnitTreeSelect testId="user-orgUnit" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')} extra={t('users.departmentHint')}>
          <DepartmentSelect orgUnitId={orgUnitId} testId="user-department" />
        </Form.Item>
        <Form.Item name="roleIds" label={t('users.roles')} rules={rules.roleIds}>
          <RoleSelect testId="user-roles" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={rules.email}>
          <Input type="email" autoComplete="off" data-testid="user-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={rules.phone}>
          <Input inputMode="tel" autoComplete="off" data-testid="user-phone" />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('common.create')}
          loading={create.isPending}
          testId="user-submit"
        />
      </Form>
    </Modal>
  );
}
