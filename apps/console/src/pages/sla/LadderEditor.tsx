import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MAX_DELAY_MINUTES, useSlaOptions } from './slaFields';
import { DurationInput, RoleKeySelect } from './slaInputs';

const MAX_LEVELS = 4;

/** The escalation ladder of a policy form (`ladder`); levels are numbered by position, 1 to 4. */
export function LadderEditor() {
  const { t } = useTranslation();
  const options = useSlaOptions();
  const required = { required: true, message: t('validation.required') };
  return (
    <Form.List name="ladder">
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('sla.policy.ladder')}</Typography.Text>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('sla.policy.level', { level: index + 1 })}
              extra={
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={`remove-level-${index + 1}`}
                  data-testid={`sla-ladder-remove-${index + 1}`}
                />
              }
            >
              <Flex gap={12} wrap>
                <Form.Item
                  name={[field.name, 'delayMinutes']}
                  label={t('sla.policy.delay')}
                  rules={[
                    {
                      validator: (_, v: number | undefined) =>
                        v !== undefined && v >= 0 && v <= MAX_DELAY_MINUTES
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('sla.policy.delayRange'))),
                    },
                  ]}
                  style={{ marginBottom: 0 }}
                >
                  <DurationInput maxMinutes={MAX_DELAY_MINUTES} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'target']}
                  label={t('sla.policy.target')}
                  rules={[required]}
                  style={{ marginBottom: 0 }}
                >
                  <Select options={options.targets} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'roles']}
                  label={t('sla.policy.roles')}
                  rules={[{ required: true, type: 'array', min: 1, max: 5, message: t('sla.policy.rolesRange') }]}
                  style={{ marginBottom: 0, flex: 1, minWidth: 220 }}
                >
                  <RoleKeySelect />
                </Form.Item>
              </Flex>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < MAX_LEVELS && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ delayMinutes: 0, target: 'project', roles: [] })}
              data-testid="sla-ladder-add"
            >
              {t('sla.policy.addLevel')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
