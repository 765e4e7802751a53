import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateBuilding } from '../../api/property';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { applyServerErrors } from '../../lib/formErrors';
import { usePropertyRules } from './fields';

interface Values {
  phase?: string;
  code: string;
  name: string;
  floors?: number | null;
}

export function BuildingCreateModal({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateBuilding(projectId);
  const rules = usePropertyRules();
  const { message } = App.useApp();
  const errorText = useErrorText();

  const onFinish = (v: Values) =>
    create.mutate(
      { phase: v.phase?.trim() ?? '', code: v.code.trim(), name: v.name.trim(), floors: v.floors ?? null },
      {
        onSuccess: (b) => {
          message.success(`${t('common.created')}: ${b.name}`);
          onClose();
        },
        onError: (e) => {
          applyServerErrors(form, e, { ORG_CODE_TAKEN: 'code' });
          message.error(errorText(e));
        },
      },
    );

  // "3" as the code suggests "3号楼" as the name while the name is untouched
  const onValuesChange = (changed: Partial<Values>) => {
    if ('code' in changed && !form.isFieldTouched('name')) {
      const code = changed.code?.trim();
      form.setFieldValue('name', code ? t('property.buildingNameOf', { code }) : '');
    }
  };

  return (
    <Modal open title={t('property.addBuilding')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        autoComplete="off"
      >
        <Form.Item
          name="code"
          label={t('property.buildingCode')}
          rules={rules.buildingCode}
          extra={t('property.v.buildingCode')}
        >
          <Input autoFocus autoCapitalize="none" spellCheck={false} data-testid="building-code" />
        </Form.Item>
        <Form.Item name="name" label={t('property.name')} rules={rules.name(40)}>
          <Input data-testid="building-name" />
        </Form.Item>
        <Form.Item name="phase" label={t('property.phase')} rules={[rules.max(20)]}>
          <Input placeholder={t('property.phasePlaceholder')} data-testid="building-phase" />
        </Form.Item>
        <Form.Item name="floors" label={t('property.floors')} rules={[rules.integer(1, 150)]}>
          <InputNumber<number>
            min={1}
            max={150}
            precision={0}
            style={{ width: '100%' }}
            data-testid="building-floors"
          />
        </Form.Item>
        <FormFooter
          onCancel={onClose}
          submitText={t('common.create')}
          loading={create.isPending}
          testId="building-submit"
        />
      </Form>
    </Modal>
  );
}
