import { EditOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWarrantyRules, type WarrantyRule } from '../../api/property';
import { ErrorState } from '../../components/ErrorState';
import { useCan } from '../../lib/permissions';
import { usePeriodText } from './fields';

// fetched when it opens
const WarrantyRuleModal = lazy(async () => ({ default: (await import('./WarrantyRuleModal')).WarrantyRuleModal }));

type Source = 'project' | 'default' | 'statutory';
const SOURCE_COLOR: Record<Source, string> = { project: 'purple', default: 'blue', statutory: 'default' };

/** Where the effective rule comes from: this project's override, the company default, or the law (no row). */
const sourceOf = (r: WarrantyRule, projectId: string): Source =>
  r.projectId === projectId ? 'project' : r.id ? 'default' : 'statutory';

/** One row per part category: the statutory minimum, the period that applies and whether the project overrides it. */
export function WarrantyRulesTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const periodText = usePeriodText();
  const query = useWarrantyRules(projectId);
  const [editing, setEditing] = useState<string | null>(null);
  const rule = query.data?.items.find((r) => r.partCategory === editing);

  if (query.isError && !query.data)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;

  return (
    <>
      <Table<WarrantyRule>
        rowKey="partCategory"
        size="small"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ 'data-testid': `rule-row-${r.partCategory}` }) as never}
        columns={[
          {
            title: t('property.part'),
            dataIndex: 'partCategory',
            render: (c: WarrantyRule['partCategory']) => t(`property.parts.${c}`),
          },
          { title: t('property.statutory'), key: 'statutory', render: (_, r) => periodText(r.statutory) },
          {
            title: t('property.effective'),
            key: 'effective',
            render: (_, r) => (
              <Typography.Text strong={sourceOf(r, projectId) === 'project'}>
                {periodText({ kind: r.periodKind, value: r.periodValue })}
              </Typography.Text>
            ),
          },
          {
            title: t('property.source'),
            key: 'source',
            render: (_, r) => {
              const s = sourceOf(r, projectId);
              return <Tag color={SOURCE_COLOR[s]}>{t(`property.sources.${s}`)}</Tag>;
            },
          },
          { title: t('property.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          ...(can('property.manage')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: WarrantyRule) => (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(r.partCategory)}
                      data-testid={`rule-edit-${r.partCategory}`}
                    >
                      {t('property.override')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Suspense fallback={null}>
        {rule && <WarrantyRuleModal projectId={projectId} rule={rule} onClose={() => setEditing(null)} />}
      </Suspense>
    </>
  );
}
