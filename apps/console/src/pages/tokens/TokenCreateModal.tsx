import { PERMISSIONS, type Permission } from '@anju/contracts';
import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import './adminStrings';
import { useMe } from '../../api/auth';
import { useCreateApiToken } from '../../api/tokens';
import { FormFooter } from '../../components/FormFooter';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { groupPermissions } from '../../lib/permissions';
import { usePermissionLabel } from '../permissionStrings';

interface Values {
  name: string;
  permissions: Permission[];
  orgUnitId: string;
  expiresInDays: number | null;
  noExpiry: boolean;
}

interface Props {
  onClose: () => void;
  /** Receives the secret, which the caller shows once. */
  onCreated: (token: string) => void;
}

export function TokenCreateModal({ onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiToken();
  const label = usePermissionLabel();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const noExpiry = Form.useWatch('noExpiry', form);

  // a token can carry only permissions its creator holds
  const options = useMemo(() => {
    const held = PERMISSIONS.filter((p) => me?.permissions.includes(p));
    return groupPermissions(held).map(([group, list]) => ({
      label: t(`permGroup.${group}`),
      title: group,
      options: list.map((p) => ({ value: p, label: `${label(p)} (${p})` })),
    }));
  }, [me, t, label]);

  const onFinish = (v: Values) =>
    create.mutate(
      {
        name: v.name.trim(),
        permissions: v.permissions,
        orgUnitId: v.orgUnitId,
        expiresInDays: v.noExpiry ? null : v.expiresInDays,
      },
      {
        onSuccess: (created) => onCreated(created.token),
        onError: (e) => {
          applyServerErrors(form, e, { PERMISSION_ESCALATION: 'permissions', OUT_OF_SCOPE: 'orgUnitId' });
          message.error(errorText(e));
        },
      },
    );

  const required = { required: true, message: t('validation.required') };
  return (
    <Modal open title={t('tokens.createTitle')} onCancel={onClose} footer={null} destroyOnHidden width={600}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ permissions: [], orgUnitId: me?.orgUnit.id, expiresInDays: 365, noExpiry: false }}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[
            { ...required, whitespace: true },
            { max: 60, message: t('validation.maxLength', { max: 60 }) },
          ]}
        >
          <Input autoFocus data-testid="token-name" />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('tokens.permissions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.permissionsRequired') }]}
        >
          <Select<Permission[]>
            mode="multiple"
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="token-permissions"
          />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('tokens.orgUnit')} rules={[required]}>
          <OrgUnitTreeSelect testId="token-orgUnit" />
        </Form.Item>
        <Form.Item label={t('tokens.expiresInDays')} required={!noExpiry}>
          <Form.Item name="expiresInDays" noStyle rules={noExpiry ? [] : [required]}>
            <InputNumber min={1} max={3650} precision={0} disabled={noExpiry} data-testid="token-expires" />
          </Form.Item>
          <Form.Item name="noExpiry" noStyle valuePropName="checked">
            <Checkbox style={{ marginInlineStart: 12 }} data-testid="token-no-expiry">
              {t('tokens.noExpiry')}
            </Checkbox>
          </Form.Item>
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('common.create')}
          loading={create.isPending}
          testId="token-submit"
        />
      </Form>
    </Modal>
  );
}
