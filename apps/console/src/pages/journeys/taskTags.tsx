import type { JourneyTask } from '@anju/contracts/journeys';
import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

type TaskStatus = JourneyTask['status'];
const STATUS_COLORS: Record<TaskStatus, string> = { open: 'blue', done: 'green', cancelled: 'default' };

/** Today's calendar day in China (`2025-03-01`), whatever the browser's zone. */
export const todayInChina = (): string => formatDateTime(new Date().toISOString()).slice(0, 10);

/** An open task whose due date is before today in China. */
export const isOverdue = (task: Pick<JourneyTask, 'status' | 'dueDate'>, today: string): boolean =>
  task.status === 'open' && task.dueDate < today;

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`journeys.taskStatuses.${status}`)}</Tag>;
}

/** The due date, marked when an open task is past it (China's calendar day). */
export function DueDate({ task, today }: { task: Pick<JourneyTask, 'status' | 'dueDate'>; today: string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} align="center" wrap style={{ whiteSpace: 'nowrap' }}>
      <span>{task.dueDate}</span>
      {isOverdue(task, today) && (
        <Tag color="red" data-testid="journey-task-overdue">
          {t('journeys.tasks.overdue')}
        </Tag>
      )}
    </Flex>
  );
}
