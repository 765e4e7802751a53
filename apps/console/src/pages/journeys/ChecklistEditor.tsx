import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const MAX_ITEMS = 40;
const ITEM_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** The checklist of a step form (`checklist`): one row per item, its key and its zh / en text. */
export function ChecklistEditor() {
  const { t } = useTranslation();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  return (
    <Form.List
      name="checklist"
      rules={[
        {
          validator: (_, items: { key?: string }[] = []) => {
            const keys = items.map((i) => i?.key?.trim()).filter(Boolean);
            return new Set(keys).size === keys.length
              ? Promise.resolve()
              : Promise.reject(new Error(t('journeys.step.checklistKeyTaken')));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('journeys.step.checklist')}</Typography.Text>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="start" data-testid={`journey-checklist-row-${index}`}>
              <Form.Item
                name={[field.name, 'key']}
                rules={[required, { pattern: ITEM_KEY, message: t('journeys.step.checklistKeyFormat') }]}
                style={{ marginBottom: 0, width: 150, flex: 'none' }}
              >
                <Input placeholder={t('journeys.step.checklistKey')} aria-label={t('journeys.step.checklistKey')} />
              </Form.Item>
              <Form.Item name={[field.name, 'zh']} rules={[required, max(60)]} style={{ marginBottom: 0, flex: 1 }}>
                <Input placeholder={t('journeys.step.checklistZh')} aria-label={t('journeys.step.checklistZh')} />
              </Form.Item>
              <Form.Item name={[field.name, 'en']} rules={[required, max(120)]} style={{ marginBottom: 0, flex: 1 }}>
                <Input placeholder={t('journeys.step.checklistEn')} aria-label={t('journeys.step.checklistEn')} />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
                aria-label={t('journeys.step.removeItem')}
                data-testid={`journey-checklist-remove-${index}`}
              />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < MAX_ITEMS && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ key: '', zh: '', en: '' })}
              style={{ width: 'fit-content' }}
              data-testid="journey-checklist-add"
            >
              {t('journeys.step.addItem')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
