import { SURVEY_KINDS, type SurveyQuestion, type SurveySettings } from '@anju/contracts/surveys';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type Survey, type UpsertSurveyInput, useUpsertSurvey } from '../../api/surveys';
import { FormFooter } from '../../components/FormFooter';
import { useErrorText } from '../../lib/errors';
import { QuestionsEditor } from './QuestionsEditor';
import { useSurveyWords } from './surveyWords';

type Values = {
  code: string;
  kind: Survey['kind'];
  nameZh: string;
  nameEn?: string;
  active: boolean;
  settings: {
    maxAttempts?: number | null;
    linkDays?: number | null;
    sampleShare?: number | null;
    sampleSize?: number | null;
  };
  questions: (SurveyQuestion & { dimension?: SurveyQuestion['dimension'] | undefined })[];
};

const NEW_QUESTION = { key: 'overall', type: 'score5', textZh: '', textEn: '', required: true, dimension: null };

const valuesOf = (s: Survey | undefined): Values =>
  s
    ? {
        code: s.code,
        kind: s.kind,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        active: s.active,
        settings: { ...s.settings },
        questions: s.questions.map((q) => ({ ...q, dimension: q.dimension ?? null })),
      }
    : ({
        code: '',
        kind: 'general',
        nameZh: '',
        nameEn: '',
        active: true,
        settings: {},
        questions: [NEW_QUESTION],
      } as Values);

/** The settings as written: fields left blank are not sent (the server's defaults apply); topBoxes is kept. */
function settingsOf(v: Values['settings'], before: SurveySettings | undefined): SurveySettings {
  const out: SurveySettings = before?.topBoxes ? { topBoxes: before.topBoxes } : {};
  for (const k of ['maxAttempts', 'linkDays', 'sampleShare', 'sampleSize'] as const) {
    const n = v[k];
    if (n !== null && n !== undefined) out[k] = n;
  }
  return out;
}

type Props = {
  survey: Survey | undefined;
  readOnly: boolean;
  onClose: () => void;
  onReload: () => Promise<Survey | undefined>;
};

/**
 * Creates or edits a definition. Saving sends the version as read: another person's save in between answers 409
 * (reload shows theirs); a company user changing the group's definition answers 403.
 */
export function SurveyEditor({ survey, readOnly, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const words = useSurveyWords();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const save = useUpsertSurvey();
  const [problem, setProblem] = useState<'conflict' | 'forbidden' | null>(null);
  // the version the form was filled from; a reload takes the stored one
  const [base, setBase] = useState(survey);

  const reload = async () => {
    const fresh = await onReload();
    setProblem(null);
    setBase(fresh);
    form.setFieldsValue(valuesOf(fresh));
  };

  const submit = (v: Values) => {
    const body: UpsertSurveyInput & { code: string } = {
      code: survey?.code ?? v.code,
      kind: v.kind,
      nameZh: v.nameZh,
      nameEn: v.nameEn ?? '',
      active: v.active,
      settings: settingsOf(v.settings, base?.settings),
      questions: v.questions.map((q) => ({
        key: q.key,
        type: q.type,
        textZh: q.textZh,
        textEn: q.textEn ?? '',
        required: q.required ?? true,
        dimension: q.dimension ?? null,
        ...(q.type === 'single' || q.type === 'multiple'
          ? { options: (q.options ?? []).map((o) => ({ ...o, textEn: o.textEn ?? '' })) }
          : {}),
      })),
      ...(base ? { version: base.version } : {}),
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        message.success(t('surveys.editor.saved', { version: saved.currentVersion }));
        onClose();
      },
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') setProblem('conflict');
        else if (e instanceof ApiError && e.status === 403) setProblem('forbidden');
        else message.error(errorText(e));
      },
    });
  };

  const title = !survey
    ? t('surveys.editor.createTitle')
    : t(readOnly ? 'surveys.editor.viewTitle' : 'surveys.editor.editTitle', { name: words.name(survey) });
  return (
    <Drawer open title={title} onClose={onClose} size={720} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(survey)}
        onFinish={submit}
        disabled={readOnly}
        data-testid="survey-editor"
      >
        {problem === 'conflict' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('surveys.editor.conflict')}
            action={
              <Button size="small" onClick={() => void reload()} disabled={false} data-testid="survey-reload">
                {t('surveys.editor.reload')}
              </Button>
            }
            data-testid="survey-conflict"
          />
        )}
        {problem === 'forbidden' && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('surveys.editor.forbidden')}
            data-testid="survey-forbidden"
          />
        )}
        {survey && !survey.companyId && !readOnly && problem !== 'forbidden' && (
          <Alert type="info" style={{ marginBottom: 16 }} title={t('surveys.groupReadOnly')} />
        )}
        <Flex gap={12} wrap>
          <Form.Item
            label={t('surveys.editor.code')}
            name="code"
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/ }]}
            style={{ flex: '1 1 200px' }}
          >
            <Input disabled={Boolean(survey)} data-testid="survey-code" />
          </Form.Item>
          <Form.Item label={t('surveys.kind')} name="kind" rules={[{ required: true }]} style={{ flex: '1 1 160px' }}>
            <Select options={SURVEY_KINDS.map((k) => ({ value: k, label: words.kind(k) }))} />
          </Form.Item>
          <Form.Item label={t('surveys.active')} name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            label={t('surveys.editor.nameZh')}
            name="nameZh"
            rules={[{ required: true, whitespace: true, max: 100 }]}
            style={{ flex: '1 1 240px' }}
          >
            <Input data-testid="survey-nameZh" />
          </Form.Item>
          <Form.Item
            label={t('surveys.editor.nameEn')}
            name="nameEn"
            rules={[{ max: 100 }]}
            style={{ flex: '1 1 240px' }}
          >
            <Input data-testid="survey-nameEn" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item label={t('surveys.editor.maxAttempts')} name={['settings', 'maxAttempts']}>
            <InputNumber min={1} max={10} precision={0} placeholder="3" />
          </Form.Item>
          <Form.Item label={t('surveys.editor.linkDays')} name={['settings', 'linkDays']}>
            <InputNumber min={1} max={60} precision={0} placeholder="7" />
          </Form.Item>
          <Form.Item label={t('surveys.editor.sampleShare')} name={['settings', 'sampleShare']}>
            <InputNumber min={0} max={1} step={0.05} placeholder="0.1" />
          </Form.Item>
          <Form.Item label={t('surveys.editor.sampleSize')} name={['settings', 'sampleSize']}>
            <InputNumber min={1} max={100} precision={0} placeholder="5" />
          </Form.Item>
        </Flex>
        <Divider titlePlacement="start">{t('surveys.editor.questions')}</Divider>
        <QuestionsEditor disabled={readOnly} />
        {!readOnly && (
          <FormFooter
            onCancel={onClose}
            submitText={t('surveys.editor.save')}
            loading={save.isPending}
            testId="survey-save"
          />
        )}
      </Form>
    </Drawer>
  );
}
