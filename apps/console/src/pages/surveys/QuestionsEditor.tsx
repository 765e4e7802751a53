import { SURVEY_DIMENSIONS, SURVEY_QUESTION_TYPES } from '@anju/contracts/surveys';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSurveyWords } from './surveyWords';

const CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** The options of one single/multiple choice question: code, Chinese and English text. */
function OptionsEditor({ question, disabled }: { question: number; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name={[question, 'options']}
      rules={[
        {
          validator: async (_, value?: unknown[]) => {
            if (!value?.length) throw new Error(t('surveys.editor.needOptions'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={4}>
          {fields.map((f) => (
            <Space.Compact key={f.key} style={{ width: '100%' }}>
              <Form.Item name={[f.name, 'code']} noStyle rules={[{ required: true, pattern: CODE, message: '' }]}>
                <Input placeholder={t('surveys.editor.optionCode')} style={{ width: '30%' }} disabled={disabled} />
              </Form.Item>
              <Form.Item name={[f.name, 'textZh']} noStyle rules={[{ required: true, whitespace: true, message: '' }]}>
                <Input placeholder={t('surveys.editor.textZh')} style={{ width: '35%' }} disabled={disabled} />
              </Form.Item>
              <Form.Item name={[f.name, 'textEn']} noStyle>
                <Input placeholder={t('surveys.editor.textEn')} style={{ width: '35%' }} disabled={disabled} />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('surveys.editor.remove')}
                onClick={() => remove(f.name)}
                disabled={disabled}
              />
            </Space.Compact>
          ))}
          <Form.ErrorList errors={errors} />
          {!disabled && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ code: '', textZh: '', textEn: '' })}>
              {t('surveys.editor.addOption')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/** The questions of a definition: add, remove, reorder; type, key, texts, required, dimension, options. */
export function QuestionsEditor({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const words = useSurveyWords();
  return (
    <Form.List name="questions">
      {(fields, { add, remove, move }) => (
        <Flex vertical gap={8}>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              title={`${i + 1}`}
              data-testid={`survey-question-${i}`}
              extra={
                !disabled && (
                  <Space size={0}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('surveys.editor.up')}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    />
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('surveys.editor.down')}
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                    />
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('surveys.editor.remove')}
                      disabled={fields.length === 1}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                )
              }
            >
              <Flex gap={8} wrap>
                <Form.Item
                  label={t('surveys.editor.key')}
                  name={[f.name, 'key']}
                  rules={[{ required: true, pattern: CODE }]}
                  style={{ flex: '1 1 140px' }}
                >
                  <Input disabled={disabled} />
                </Form.Item>
                <Form.Item
                  label={t('surveys.editor.type')}
                  name={[f.name, 'type']}
                  rules={[{ required: true }]}
                  style={{ flex: '1 1 140px' }}
                >
                  <Select
                    disabled={disabled}
                    options={SURVEY_QUESTION_TYPES.map((v) => ({ value: v, label: words.questionType(v) }))}
                  />
                </Form.Item>
                <Form.Item
                  label={t('surveys.editor.dimension')}
                  name={[f.name, 'dimension']}
                  style={{ flex: '1 1 160px' }}
                >
                  <Select
                    allowClear
                    disabled={disabled}
                    placeholder={t('surveys.editor.noDimension')}
                    options={SURVEY_DIMENSIONS.map((v) => ({ value: v, label: words.dimension(v) }))}
                  />
                </Form.Item>
              </Flex>
              <Form.Item
                label={t('surveys.editor.textZh')}
                name={[f.name, 'textZh']}
                rules={[{ required: true, whitespace: true, max: 200 }]}
              >
                <Input disabled={disabled} data-testid={`survey-question-${i}-textZh`} />
              </Form.Item>
              <Form.Item label={t('surveys.editor.textEn')} name={[f.name, 'textEn']} rules={[{ max: 200 }]}>
                <Input disabled={disabled} data-testid={`survey-question-${i}-textEn`} />
              </Form.Item>
              <Form.Item name={[f.name, 'required']} valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox disabled={disabled}>{t('surveys.editor.required')}</Checkbox>
              </Form.Item>
              <Form.Item noStyle dependencies={[['questions', f.name, 'type']]}>
                {({ getFieldValue }) => {
                  const type = getFieldValue(['questions', f.name, 'type']);
                  return type === 'single' || type === 'multiple' ? (
                    <Form.Item label={t('surveys.editor.options')}>
                      <OptionsEditor question={f.name} disabled={disabled} />
                    </Form.Item>
                  ) : null;
                }}
              </Form.Item>
            </Card>
          ))}
          {!disabled && (
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                add({ key: `q${fields.length + 1}`, type: 'score5', textZh: '', textEn: '', required: true })
              }
              data-testid="survey-question-add"
            >
              {t('surveys.editor.addQuestion')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
