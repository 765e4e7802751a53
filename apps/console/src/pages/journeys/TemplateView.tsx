import type { JourneyStep, JourneyTemplate } from '@anju/contracts/journeys';
import { PlusOutlined, ReloadOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Spin, Switch, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useUpsertJourneyTemplate } from '../../api/journeys';
import { hasCode, useErrorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { useInLanguage } from './journeyFields';
import { StepsTable } from './StepsTable';

// the step form (selects, number fields, checklist editor) and the preview (date pickers) are fetched when shown
const StepModal = lazy(async () => ({ default: (await import('./StepModal')).StepModal }));
const PreviewPanel = lazy(async () => ({ default: (await import('./PreviewPanel')).PreviewPanel }));

/** Edits not saved yet, on top of the version they started from. */
interface Draft {
  steps: JourneyStep[];
  active: boolean;
  baseVersion: number;
}

interface Props {
  template: JourneyTemplate;
  /** Refetches the company's templates (after a version conflict). */
  onReload: () => void;
}

/** `body.steps.2.offset` → `steps`, 2, `offset`. */
const problemPath = (path: string) => {
  const [first, ...rest] = path.split('.').filter((s) => s !== 'body');
  const index = first === 'steps' && /^\d+$/.test(rest[0] ?? '') ? Number(rest.shift()) : null;
  return { index, field: (first === 'steps' && index === null ? [first, ...rest] : rest).join('.') };
};

/** One template: its steps in order, the editing actions for managers and the preview. */
export function TemplateView({ template, onReload }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('journeys.manage');
  const text = useInLanguage();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const upsert = useUpsertJourneyTemplate(template.id);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<{ index?: number }>();
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const steps = draft?.steps ?? template.steps;
  const active = draft?.active ?? template.active;

  const change = (next: Partial<Omit<Draft, 'baseVersion'>>) =>
    setDraft({ steps, active, baseVersion: draft?.baseVersion ?? template.version, ...next });
  const setSteps = (update: (list: JourneyStep[]) => JourneyStep[]) => change({ steps: update([...steps]) });

  const apply = (step: JourneyStep) => {
    const index = editing?.index;
    setSteps((list) => (index === undefined ? [...list, step] : list.map((s, i) => (i === index ? step : s))));
    setEditing(undefined);
  };
  const move = (index: number, by: -1 | 1) =>
    setSteps((list) => {
      const [step] = list.splice(index, 1);
      if (step) list.splice(index + by, 0, step);
      return list;
    });
  const remove = (index: number) => setSteps((list) => list.filter((_, i) => i !== index));

  /** VALIDATION_FAILED details as lines naming the step: `第 3 步「开放日」 offset: …`. */
  const problemsOf = (e: unknown): string[] => {
    if (!(e instanceof ApiError) || e.fieldErrors.length === 0) return [errorText(e)];
    return e.fieldErrors.map(({ path, message: m }) => {
      const { index, field } = problemPath(path);
      const step = index === null ? undefined : steps[index];
      const where = step && index !== null ? t('journeys.problemAt', { index: index + 1, name: text(step.name) }) : '';
      return [where, field && `${field}:`, m].filter(Boolean).join(' ');
    });
  };

  const save = () => {
    if (!draft) return;
    setProblems([]);
    upsert.mutate(
      { version: draft.baseVersion, name: template.name, active: draft.active, steps: draft.steps },
      {
        onSuccess: (saved) => {
          setDraft(null);
          message.success(t('journeys.saved', { version: saved.version }));
        },
        onError: (e) => {
          if (hasCode(e, 'VERSION_CONFLICT')) return setConflict(true);
          setProblems(problemsOf(e));
          message.error(errorText(e));
        },
      },
    );
  };
  const reload = () => {
    setDraft(null);
    setConflict(false);
    setProblems([]);
    onReload();
  };

  const toolbar = canManage && (
    <Flex gap={8} align="center" wrap>
      <Switch
        checked={active}
        onChange={(on) => change({ active: on })}
        checkedChildren={t('journeys.active')}
        unCheckedChildren={t('journeys.inactive')}
        data-testid="journey-active"
      />
      <Button icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="journey-step-add">
        {t('journeys.step.add')}
      </Button>
      {draft && (
        <Button icon={<UndoOutlined />} onClick={() => setDraft(null)} disabled={upsert.isPending}>
          {t('journeys.discard')}
        </Button>
      )}
      <Button
        type="primary"
        icon={<SaveOutlined />}
        disabled={!draft}
        loading={upsert.isPending}
        onClick={save}
        data-testid="journey-save"
      >
        {t('journeys.save')}
      </Button>
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={
          <Flex gap={8} align="center" wrap>
            <span>{text(template.name)}</span>
            <Tag>{t('journeys.version', { version: template.version })}</Tag>
            {!canManage && (
              <Tag color={active ? 'green' : 'default'}>{active ? t('journeys.active') : t('journeys.inactive')}</Tag>
            )}
            {draft && <Tag color="orange">{t('journeys.unsaved')}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {t('journeys.updatedAt', { at: formatDateTime(template.updatedAt) })}
            </Typography.Text>
          </Flex>
        }
        extra={toolbar}
      >
        <Flex vertical gap={12}>
          {conflict && (
            <Alert
              type="warning"
              showIcon
              title={t('journeys.conflict')}
              action={
                <Button size="small" icon={<ReloadOutlined />} onClick={reload} data-testid="journey-reload">
                  {t('journeys.reload')}
                </Button>
              }
              data-testid="journey-conflict"
            />
          )}
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('journeys.invalid')}
              description={problems.map((p, i) => (
                // the same message may come for two fields
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, shown until the next save
                <div key={i}>{p}</div>
              ))}
              closable={{ onClose: () => setProblems([]) }}
              data-testid="journey-problems"
            />
          )}
          <StepsTable
            steps={steps}
            onEdit={canManage ? (index) => setEditing({ index }) : undefined}
            onMove={canManage ? move : undefined}
            onRemove={canManage ? remove : undefined}
          />
        </Flex>
      </Card>
      <Suspense fallback={<Spin />}>
        <PreviewPanel
          companyId={template.companyId}
          templateId={template.id}
          steps={steps}
          unsaved={draft ? draft.steps : undefined}
        />
      </Suspense>
      <Suspense fallback={null}>
        {editing && (
          <StepModal
            step={editing.index === undefined ? undefined : steps[editing.index]}
            otherKeys={steps.filter((_, i) => i !== editing.index).map((s) => s.key)}
            onApply={apply}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Suspense>
    </Flex>
  );
}
