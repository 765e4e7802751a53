import { LESSON_DEPARTMENTS, LESSON_SOURCES, LESSON_STATUSES } from '@anju/contracts/lessons';
import { Button, Card, Flex, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lesson, type LessonFilter, useLessons } from '../../api/lessons';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import './qualityStrings';

const LessonDrawer = lazy(async () => ({ default: (await import('./LessonDrawer')).LessonDrawer }));

export const LESSON_STATUS_COLOR: Record<Lesson['status'], string> = {
  proposed: 'default',
  accepted: 'blue',
  applied_to_standard: 'cyan',
  verified_on_new_project: 'green',
  rejected: 'red',
};

const rowProps = (l: Lesson) =>
  ({ 'data-testid': `lesson-row-${l.id}`, style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>;

/**
 * The lessons register (经验教训成果转化): lessons of the caller's subtree and of the company or group above it,
 * newest first, by status, department and source; a lesson's drawer edits it and moves it along its steps.
 */
export function LessonsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filter, setFilter] = useState<LessonFilter>({});
  const [open, setOpen] = useState<Lesson | 'new' | null>(null);
  const query = useLessons(filter);
  const set = (patch: Partial<LessonFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<Lesson> = [
    { key: 'problem', title: t('quality.lessons.problem'), dataIndex: 'problem', ellipsis: true },
    {
      key: 'department',
      title: t('quality.lessons.department'),
      render: (_, l) => t(`quality.lessons.departments.${l.department}`),
    },
    {
      key: 'status',
      title: t('quality.lessons.status'),
      render: (_, l) => <Tag color={LESSON_STATUS_COLOR[l.status]}>{t(`quality.lessons.statuses.${l.status}`)}</Tag>,
    },
    {
      key: 'source',
      title: t('quality.lessons.source'),
      render: (_, l) => (
        <>
          {t(`quality.lessons.sources.${l.source}`)}
          {l.sourceProjectName && <Typography.Text type="secondary"> · {l.sourceProjectName}</Typography.Text>}
        </>
      ),
    },
    {
      key: 'appliesTo',
      title: t('quality.lessons.appliesTo'),
      render: (_, l) =>
        l.appliesTo.length ? l.appliesTo.map((p) => <Tag key={p.id}>{p.name}</Tag>) : t('quality.lessons.appliesToAll'),
    },
    { key: 'company', title: t('quality.lessons.company'), dataIndex: 'orgUnitName' },
    { key: 'createdAt', title: t('quality.lessons.createdAt'), render: (_, l) => <DateTime value={l.createdAt} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('quality.lessons.title')}
        extra={
          can('quality.manage') ? (
            <Button type="primary" onClick={() => setOpen('new')} data-testid="lesson-add">
              {t('quality.lessons.add')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('quality.lessons.hint')}</Typography.Paragraph>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select<LessonFilter['status']>
            allowClear
            placeholder={t('quality.lessons.allStatuses')}
            value={filter.status}
            onChange={(v) => set({ status: v })}
            options={LESSON_STATUSES.map((value) => ({ value, label: t(`quality.lessons.statuses.${value}`) }))}
            style={{ width: 180 }}
            data-testid="lesson-status"
          />
          <Select<LessonFilter['department']>
            allowClear
            placeholder={t('quality.lessons.allDepartments')}
            value={filter.department}
            onChange={(v) => set({ department: v })}
            options={LESSON_DEPARTMENTS.map((value) => ({ value, label: t(`quality.lessons.departments.${value}`) }))}
            style={{ width: 160 }}
            data-testid="lesson-department"
          />
          <Select<LessonFilter['source']>
            allowClear
            placeholder={t('quality.lessons.allSources')}
            value={filter.source}
            onChange={(v) => set({ source: v })}
            options={LESSON_SOURCES.map((value) => ({ value, label: t(`quality.lessons.sources.${value}`) }))}
            style={{ width: 160 }}
            data-testid="lesson-source"
          />
        </Flex>
        <CursorTable<Lesson>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={(l) => ({ ...rowProps(l), onClick: () => setOpen(l) })}
          emptyText={t('quality.lessons.empty')}
        />
      </Card>
      <Suspense fallback={null}>
        {open && (
          <LessonDrawer
            lesson={open === 'new' ? null : open}
            canEdit={can('quality.manage')}
            onClose={() => setOpen(null)}
          />
        )}
      </Suspense>
    </>
  );
}
