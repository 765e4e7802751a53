import type { SurveyQuestion } from '@anju/contracts/surveys';
import { Checkbox, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSurveyWords } from './surveyWords';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The questions as form fields, for an agent on the phone: scores and choices are radio groups (Tab to a question,
 * the arrow keys to pick), several choices are checkboxes (Space), text is a text area. The values sit under
 * `answers.<key>`.
 */
export function AnswerFields({ questions }: { questions: SurveyQuestion[] }) {
  const { t } = useTranslation();
  const words = useSurveyWords();
  return (
    <>
      {questions.map((q, i) => {
        const options = (q.options ?? []).map((o) => ({ value: o.code, label: words.text(o) }));
        const label = `${i + 1}. ${words.text(q)}`;
        const rules = q.required !== false ? [{ required: true, message: t('surveys.calls.requiredMissing') }] : [];
        const testId = `answer-${q.key}`;
        return (
          <Form.Item key={q.key} name={['answers', q.key]} label={label} rules={rules}>
            {q.type === 'score5' || q.type === 'nps' ? (
              <Radio.Group
                optionType="button"
                data-testid={testId}
                options={range(q.type === 'nps' ? 0 : 1, q.type === 'nps' ? 10 : 5).map((n) => ({
                  value: n,
                  label: String(n),
                }))}
              />
            ) : q.type === 'single' ? (
              <Radio.Group data-testid={testId} options={options} />
            ) : q.type === 'multiple' ? (
              <Checkbox.Group data-testid={testId} options={options} />
            ) : (
              <Input.TextArea rows={2} maxLength={1000} data-testid={testId} />
            )}
          </Form.Item>
        );
      })}
    </>
  );
}
