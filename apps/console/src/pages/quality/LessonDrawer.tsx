import { LESSON_DEPARTMENTS, LESSON_STEPS } from '@anju/contracts/lessons';
import { App, Button, Drawer, Form, Input, Select, Space, Steps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type Lesson, type LessonStatus, type UpsertLessonBody, useUpsertLesson } from '../../api/lessons';
import { useProjects } from '../../api/property';
import { useErrorText } from '../../lib/errors';

type Values = Pick<UpsertLessonBody, 'problem' | 'analysis' | 'department' | 'improvement' | 'caseId'> & {
  appliesTo: string[];
};

/** The statuses a lesson may move to from where it stands: itself, a later step, or rejected. */
const nextStatuses = (current: LessonStatus): LessonStatus[] =>
  current === 'rejected'
    ? ['rejected']
    : [...LESSON_STEPS.slice(LESSON_STEPS.indexOf(current as (typeof LESSON_STEPS)[number])), 'rejected'];

/** A lesson's editor: its text, department, projects, and its conversion steps (forward only, or rejected). */
export function LessonDrawer({
  lesson,
  canEdit,
  onClose,
}: {
  lesson: Lesson | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const save = useUpsertLesson();
  const [projectSearch, setProjectSearch] = useState('');
  const projects = useProjects(projectSearch);
  const projectOptions = new Map((lesson?.appliesTo ?? []).map((p) => [p.id, p.name]));
  for (const p of projects.data?.pages.flatMap((page) => page.items) ?? []) projectOptions.set(p.id, p.name);
  const [form] = Form.useForm<Values>();
  const [status, setStatus] = useState<LessonStatus>(lesson?.status ?? 'proposed');
  const stepIndex = LESSON_STEPS.indexOf(status as (typeof LESSON_STEPS)[number]);
  const when = (s: string) => lesson?.steps.find((x) => x.status === s);

  const submit = (v: Values) =>
    save.mutate(
      {
        ...v,
        caseId: lesson ? undefined : v.caseId || undefined,
        problem: v.problem || undefined,
        id: lesson?.id,
        version: lesson?.version,
        status,
      },
      {
        onSuccess: () => {
          void message.success(t('quality.lessons.saved'));
          onClose();
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );

  return (
    <Drawer open width={640} title={lesson ? t('quality.lessons.edit') : t('quality.lessons.add')} onClose={onClose}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <div>
          <div style={{ marginBottom: 8 }}>{t('quality.lessons.steps')}</div>
          <Steps
            size="small"
            direction="vertical"
            current={stepIndex}
            status={status === 'rejected' ? 'error' : undefined}
            items={LESSON_STEPS.map((s) => {
              const step = when(s);
              return {
                title: t(`quality.lessons.statuses.${s}`),
                description: step
                  ? t('quality.lessons.stepBy', { name: step.byName ?? '—', at: step.at.slice(0, 10) })
                  : undefined,
              };
            })}
          />
          {status === 'rejected' && <Tag color="red">{t('quality.lessons.statuses.rejected')}</Tag>}
        </div>
        {lesson && (lesson.clusterId || lesson.caseId) && (
          <Space>
            <span>{t('quality.lessons.source')}:</span>
            <Tag>{t(`quality.lessons.sources.${lesson.source}`)}</Tag>
            {lesson.sourceProjectName}
            {lesson.clusterId && (
              <Link to={`/quality/clusters/${lesson.clusterId}`} data-testid="lesson-source-link">
                {t('quality.lessons.openCluster')}
              </Link>
            )}
          </Space>
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={!canEdit}
          onFinish={submit}
          initialValues={{
            problem: lesson?.problem,
            analysis: lesson?.analysis,
            department: lesson?.department,
            improvement: lesson?.improvement,
            appliesTo: lesson?.appliesTo.map((p) => p.id) ?? [],
          }}
          data-testid="lesson-form"
        >
          {!lesson && (
            <Form.Item name="caseId" label={t('quality.lessons.caseId')} extra={t('quality.lessons.fromCase')}>
              <Input allowClear />
            </Form.Item>
          )}
          <Form.Item name="problem" label={t('quality.lessons.problem')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} data-testid="lesson-problem" />
          </Form.Item>
          <Form.Item name="analysis" label={t('quality.lessons.analysis')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="department" label={t('quality.lessons.department')} rules={[{ required: true }]}>
            <Select
              data-testid="lesson-department-select"
              options={LESSON_DEPARTMENTS.map((value) => ({ value, label: t(`quality.lessons.departments.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="improvement" label={t('quality.lessons.improvement')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="lesson-improvement" />
          </Form.Item>
          <Form.Item name="appliesTo" label={t('quality.lessons.appliesTo')} extra={t('quality.lessons.appliesToAll')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="lesson-applies-to"
              loading={projects.isFetching}
              showSearch={{ filterOption: false, onSearch: (v) => setProjectSearch(v.trim()) }}
              options={[...projectOptions].map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label={t('quality.lessons.status')}>
            <Select<LessonStatus>
              value={status}
              onChange={setStatus}
              options={nextStatuses(lesson?.status ?? 'proposed')
                .filter((s) => lesson || s === 'proposed' || s === 'accepted')
                .map((value) => ({ value, label: t(`quality.lessons.statuses.${value}`) }))}
              data-testid="lesson-status-select"
            />
          </Form.Item>
          {canEdit && (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="lesson-save">
              {t('common.save')}
            </Button>
          )}
        </Form>
      </Space>
    </Drawer>
  );
}
