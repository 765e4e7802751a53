import { JOURNEY_TASK_STATUSES, type JourneyTask } from '@anju/contracts/journeys';
import { Button, Card, Empty, Flex, Grid, List, Select, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { type JourneyTaskFilters, useJourneyTasks } from '../../api/journeys';
import { CursorTable } from '../../components/CursorTable';
import { DateField } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useCan } from '../../lib/permissions';
import { useInLanguage } from './journeyFields';
import './journeyStrings';
import { capitalize } from './journeyWords';
import { DueDate, TaskStatusTag, todayInChina } from './taskTags';

// fetched when a task opens (the drawer with its form)
const TaskDrawer = lazy(async () => ({ default: (await import('./TaskDrawer')).TaskDrawer }));
// fetched after the queue (managers' completion per project and step)
const JourneyCompletion = lazy(() => import('./JourneyCompletion'));

/** `status` in the URL: absent means open (the default), `all` means no status filter. */
const ALL = 'all';

/** The queue's filters and the open task, kept in the URL (Back and reload return to the same view). */
function useTaskParams() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = raw === ALL ? undefined : (JOURNEY_TASK_STATUSES.find((s) => s === raw) ?? 'open');
  const filters: JourneyTaskFilters = {
    status,
    projectId: params.get('projectId') ?? undefined,
    dueBefore: params.get('dueBefore') ?? undefined,
  };
  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return { filters, taskId: params.get('task') ?? undefined, update };
}

/**
 * "My journey tasks": the journey tasks of the caller's subtree by due date (open ones by default), filtered by
 * status, project and due date; a table on wide screens, cards on a phone; a task opens in a drawer with its step's
 * script and checklist, where staff with journeys.work record the outcome.
 */
export function JourneyTasksPage() {
  const { t } = useTranslation();
  const can = useCan();
  const text = useInLanguage();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const { filters, taskId, update } = useTaskParams();
  const query = useJourneyTasks(filters);
  const today = todayInChina();
  const open = (task: JourneyTask) => update({ task: task.id });

  const stepName = (task: JourneyTask) => (
    <Flex gap={4} align="center" wrap>
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        onClick={(e) => {
          e.stopPropagation(); // the row opens it too
          open(task);
        }}
        data-testid={`journey-task-open-${task.id}`}
      >
        {text(task.name)}
      </Button>
      {task.occurrence > 1 && <Tag>{`#${task.occurrence}`}</Tag>}
    </Flex>
  );
  const subject = (task: JourneyTask) =>
    task.unitCode ?? (task.subjectKind === 'batch' ? t('journeys.tasks.batch') : '—');
  const anchor = (task: JourneyTask) => `${capitalize(t(`journeys.anchors.${task.anchorUsed}`))} · ${task.anchorDate}`;
  const rowProps = (task: JourneyTask) =>
    ({
      'data-testid': `journey-task-row-${task.id}`,
      onClick: () => open(task),
      style: { cursor: 'pointer' },
    }) as HTMLAttributes<HTMLElement>;

  const columns: TableColumnsType<JourneyTask> = [
    { key: 'due', title: t('journeys.tasks.dueDate'), render: (_, x) => <DueDate task={x} today={today} /> },
    { key: 'step', title: t('journeys.tasks.step'), render: (_, x) => stepName(x) },
    { key: 'project', title: t('journeys.tasks.project'), render: (_, x) => x.projectName ?? '—' },
    { key: 'unit', title: t('journeys.tasks.unit'), render: (_, x) => subject(x) },
    { key: 'anchor', title: t('journeys.tasks.anchor'), render: (_, x) => anchor(x) },
    { key: 'attempts', title: t('journeys.tasks.attempts'), align: 'end', render: (_, x) => x.attempts },
    { key: 'status', title: t('journeys.tasks.status'), render: (_, x) => <TaskStatusTag status={x.status} /> },
  ];

  // on a phone, cards in place of the table
  const cards = (rows: JourneyTask[], loading: boolean) => (
    <List<JourneyTask>
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: <Empty description={t('journeys.tasks.empty')} /> }}
      renderItem={(x) => (
        <List.Item
          key={x.id}
          data-testid={`journey-task-card-${x.id}`}
          style={{ paddingInline: 0, cursor: 'pointer' }}
          onClick={() => open(x)}
        >
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex justify="space-between" align="center" gap={8}>
              {stepName(x)}
              <TaskStatusTag status={x.status} />
            </Flex>
            <DueDate task={x} today={today} />
            <Typography.Text type="secondary">
              {[x.projectName, subject(x)].filter(Boolean).join(' · ')}
            </Typography.Text>
            <Typography.Text type="secondary">{anchor(x)}</Typography.Text>
            {x.attempts > 0 && (
              <Typography.Text type="secondary">{`${t('journeys.tasks.attempts')}: ${x.attempts}`}</Typography.Text>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );

  const width = (wide: number) => (narrow ? '100%' : wide);
  return (
    <>
      <PageHeader title={t('journeys.tasks.title')} />
      <Card styles={narrow ? { body: { padding: 12 } } : undefined}>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
          <Select<string>
            style={{ width: width(140) }}
            value={filters.status ?? ALL}
            onChange={(v) => update({ status: v === 'open' ? undefined : v })}
            options={[
              ...JOURNEY_TASK_STATUSES.map((s) => ({ value: s, label: t(`journeys.taskStatuses.${s}`) })),
              { value: ALL, label: t('journeys.tasks.allStatuses') },
            ]}
            aria-label={t('journeys.tasks.status')}
            data-testid="journey-tasks-status"
          />
          {can('property.read') && (
            <ProjectFilter
              style={{ width: width(220) }}
              value={filters.projectId}
              onChange={(projectId) => update({ projectId })}
              placeholder={t('journeys.tasks.project')}
              testId="journey-tasks-project"
            />
          )}
          <DateField
            style={{ width: width(180) }}
            value={filters.dueBefore ? dayjs(filters.dueBefore) : null}
            onChange={(d) => update({ dueBefore: d ? d.format('YYYY-MM-DD') : undefined })}
            placeholder={t('journeys.tasks.dueBefore')}
            aria-label={t('journeys.tasks.dueBefore')}
            data-testid="journey-tasks-due-before"
          />
        </Flex>
        <CursorTable<JourneyTask>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={rowProps}
          emptyText={t('journeys.tasks.empty')}
          loadMoreTestId="journey-tasks-load-more"
          view={narrow ? cards : undefined}
          data-testid="journey-tasks-table"
        />
      </Card>
      <Suspense fallback={null}>
        <JourneyCompletion projectId={filters.projectId} />
      </Suspense>
      <Suspense fallback={null}>
        {taskId && <TaskDrawer key={taskId} taskId={taskId} onClose={() => update({ task: undefined })} />}
      </Suspense>
    </>
  );
}
