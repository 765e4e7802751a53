import { DEPARTMENT_KINDS, type DepartmentKind, type OrgUnit } from '@anju/contracts';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateOrgUnit } from '../../api/org';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { ORG_CODE_PATTERN } from '../../lib/validation';
import { type ChildType, childTypesOf } from './childTypes';

interface Values {
  type: ChildType;
  departmentKind?: DepartmentKind;
  name: string;
  code: string;
}

interface Props {
  parent: OrgUnit;
  onClose: () => void;
  onCreated: (unit: OrgUnit) => void;
}

export function AddChildModal({ parent, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrgUnit();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const type = Form.useWatch('type', form);
  const types = childTypesOf(parent);

  const onFinish = (values: Values) =>
    create.mutate(
      {
        parentId: parent.id,
        type: values.type,
        departmentKind: values.type === 'department' ? values.departmentKind : undefined,
        name: values.name.trim(),
        code: values.code.trim(),
      },
      {
        onSuccess: (unit) => {
          message.success(t('common.created'));
          onCreated(unit);
        },
        onError: (e) => {
          applyServerErrors(form, e, { ORG_CODE_TAKEN: 'code', ORG_PARENT_INVALID: 'type' });
          message.error(errorText(e));
        },
      },
    );

  return (
    <Modal
      open
      title={t('org.addChildTitle', { parent: parent.name })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ type: types.length === 1 ? types[0] : undefined }}
      >
        <Form.Item name="type" label={t('org.type')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select<ChildType>
            autoFocus
            options={types.map((value) => ({ value, label: t(`orgType.${value}`) }))}
            data-testid="org-type"
          />
        </Form.Item>
        {type === 'department' && (
          <Form.Item
            name="departmentKind"
            label={t('org.departmentKind')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select<DepartmentKind>
              options={DEPARTMENT_KINDS.map((value) => ({ value, label: t(`departmentKind.${value}`) }))}
              data-testid="org-departmentKind"
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 60, message: t('validation.maxLength', { max: 60 }) },
          ]}
        >
          <Input data-testid="org-name" />
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
        <FormFooter onCancel={onClose} submitText={t('common.create')} loading={create.isPending} testId="org-submit" />
      </Form>
    </Modal>
  );
}
