import { PROJECT_MILESTONES, type ProjectMilestone } from '@anju/contracts';
import { App, Card, Descriptions, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectMilestones, useSetProjectMilestone } from '../../api/property';
import { ErrorAlert } from '../../components/ErrorState';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';

// antd's date picker (~30 KB gz) is fetched only for those who may set a milestone; the day shows as text meanwhile.
// Days convert inline rather than through ./fields, whose org-tree select would join the page's chunk.
const DateField = lazy(async () => ({ default: (await import('../../components/DateField')).DateField }));

/**
 * The project's milestones (structure topped out, completion acceptance): each kind with its day or "not recorded";
 * with `property.manage`, a date picker sets or clears it in place. Journey steps anchored on a milestone hang on these.
 */
export function ProjectMilestones({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('property.manage');
  const query = useProjectMilestones(projectId);
  const save = useSetProjectMilestone(projectId);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const dates = new Map(query.data?.items.map((m) => [m.kind, m.date]));
  const saving = save.isPending ? save.variables?.kind : undefined;

  const set = (kind: ProjectMilestone, date: string | null) => {
    if (date === (dates.get(kind) ?? null)) return;
    save.mutate(
      { kind, date },
      { onSuccess: () => message.success(t('common.saved')), onError: (e) => message.error(errorText(e)) },
    );
  };

  const body =
    query.isError && !query.data ? (
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    ) : query.isPending ? (
      <Spin />
    ) : (
      <Descriptions column={{ xs: 1, md: 3 }}>
        {PROJECT_MILESTONES.map((kind) => {
          const date = dates.get(kind) ?? null;
          const text = <span data-testid={`milestone-${kind}`}>{date ?? t('property.notRecorded')}</span>;
          return (
            <Descriptions.Item key={kind} label={t(`property.milestones.${kind}`)}>
              {canManage ? (
                <Suspense fallback={text}>
                  <DateField
                    size="small"
                    value={date ? dayjs(date) : null}
                    onChange={(d) => set(kind, d ? d.format('YYYY-MM-DD') : null)}
                    placeholder={t('property.notRecorded')}
                    disabled={saving === kind}
                    data-testid={`milestone-${kind}`}
                  />
                </Suspense>
              ) : (
                text
              )}
            </Descriptions.Item>
          );
        })}
      </Descriptions>
    );

  return (
    <Card
      size="small"
      title={t('property.milestonesTitle')}
      style={{ marginBottom: 16 }}
      data-testid="project-milestones"
    >
      {body}
      <Typography.Text type="secondary">{t('property.milestonesHint')}</Typography.Text>
    </Card>
  );
}
