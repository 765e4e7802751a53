import type { DisclosurePack } from '@anju/contracts/disclosure';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Progress, Select, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisclosurePacks } from '../../api/disclosure';
import { useProjects } from '../../api/property';
import { DateTime } from '../../components/DateTime';
import { ErrorState } from '../../components/ErrorState';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import './disclosureStrings';

// fetched when one opens
const DisclosureEditor = lazy(async () => ({ default: (await import('./DisclosureEditor')).DisclosureEditor }));
const AcknowledgeModal = lazy(async () => ({ default: (await import('./AcknowledgeModal')).AcknowledgeModal }));

type Dialog = { kind: 'edit'; project: { id: string; name: string } } | { kind: 'ack'; projectId: string };

/** A project in the caller's scope that has no pack yet, searched by name or code. */
function ProjectWithoutPack({
  exclude,
  value,
  onChange,
}: {
  exclude: Set<string>;
  value: string | undefined;
  onChange: (v: { id: string; name: string } | undefined) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useProjects(q);
  const projects = (query.data?.pages.flatMap((p) => p.items) ?? []).filter((p) => !exclude.has(p.id));
  return (
    <Select<string>
      allowClear
      value={value}
      style={{ minWidth: 260 }}
      onChange={(id) => {
        const p = projects.find((x) => x.id === id);
        onChange(p ? { id: p.id, name: p.name } : undefined);
      }}
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      loading={query.isFetching}
      placeholder={t('disclosure.pickProject')}
      notFoundContent={query.isError ? t('tickets.loadFailed') : undefined}
      options={projects.map((p) => ({ value: p.id, label: p.name }))}
      aria-label={t('disclosure.pickProject')}
      data-testid="pack-project"
    />
  );
}

/**
 * Risk disclosure packs (红线外一公里公示): each project's published version, when and by whom, and how many of its
 * buyers acknowledged it. Managers create and publish packs; sales staff record acknowledgements at the office.
 */
export function DisclosurePage() {
  const { t } = useTranslation();
  const can = useCan();
  // the packs under one org node (a region, a city company, a project); default: the caller's own subtree
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>();
  const packs = useDisclosurePacks(orgUnitId);
  const [picked, setPicked] = useState<{ id: string; name: string } | undefined>();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const manage = can('journeys.manage');
  const work = can('journeys.work');
  if (packs.isError && !packs.data)
    return <ErrorState error={packs.error} onRetry={() => void packs.refetch()} retrying={packs.isFetching} />;
  const items = packs.data ?? [];
  const packOf = (projectId: string) => items.find((p) => p.projectId === projectId);
  const ackPack = dialog?.kind === 'ack' ? packOf(dialog.projectId) : undefined;

  return (
    <>
      <PageHeader title={t('disclosure.title')} />
      <Typography.Paragraph type="secondary">{t('disclosure.intro')}</Typography.Paragraph>
      {can('org.read') && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Typography.Text>{t('disclosure.scope')}</Typography.Text>
          <OrgUnitTreeSelect
            allowClear
            value={orgUnitId}
            onChange={setOrgUnitId}
            placeholder={t('disclosure.scopeAll')}
            style={{ minWidth: 260 }}
            testId="pack-scope"
          />
        </Space>
      )}
      {manage && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Typography.Text>{t('disclosure.newPack')}</Typography.Text>
            <ProjectWithoutPack
              exclude={new Set(items.map((p) => p.projectId))}
              value={picked?.id}
              onChange={setPicked}
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!picked}
              onClick={() => picked && setDialog({ kind: 'edit', project: picked })}
              data-testid="pack-create"
            >
              {t('disclosure.create')}
            </Button>
          </Space>
        </Card>
      )}
      <Table<DisclosurePack>
        rowKey="projectId"
        size="small"
        loading={packs.isPending}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('disclosure.empty')} /> }}
        onRow={(p) => ({ 'data-testid': `pack-${p.projectName}` }) as never}
        columns={[
          { title: t('disclosure.project'), dataIndex: 'projectName' },
          {
            title: t('disclosure.version'),
            key: 'version',
            render: (_, p) => <span data-testid="pack-version">{t('disclosure.versionN', { n: p.version })}</span>,
          },
          { title: t('disclosure.risks'), key: 'risks', render: (_, p) => p.risks.length },
          { title: t('disclosure.amenities'), key: 'amenities', render: (_, p) => p.amenities.length },
          {
            title: t('disclosure.updated'),
            key: 'updated',
            render: (_, p) => (
              <Flex vertical>
                <DateTime value={p.updatedAt} />
                {p.updatedByName && <Typography.Text type="secondary">{p.updatedByName}</Typography.Text>}
              </Flex>
            ),
          },
          {
            title: t('disclosure.acknowledged'),
            key: 'acknowledged',
            width: 200,
            render: (_, p) => (
              <Flex vertical gap={0} data-testid="pack-acknowledged" data-acknowledged={p.acknowledged}>
                <span>{`${p.acknowledged} / ${p.buyers}`}</span>
                <Progress
                  size="small"
                  showInfo={false}
                  percent={p.buyers ? Math.round((p.acknowledged / p.buyers) * 100) : 0}
                />
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, p) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  onClick={() => setDialog({ kind: 'edit', project: { id: p.projectId, name: p.projectName } })}
                  data-testid="pack-edit"
                >
                  {manage ? t('disclosure.edit') : t('disclosure.view')}
                </Button>
                {work && (
                  <Button
                    size="small"
                    onClick={() => setDialog({ kind: 'ack', projectId: p.projectId })}
                    data-testid="pack-ack"
                  >
                    {t('disclosure.acknowledge')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Suspense fallback={null}>
        {dialog?.kind === 'edit' && (
          <DisclosureEditor
            project={dialog.project}
            pack={packOf(dialog.project.id)}
            readOnly={!manage}
            onClose={() => {
              setDialog(null);
              setPicked(undefined);
            }}
          />
        )}
        {ackPack && <AcknowledgeModal pack={ackPack} onClose={() => setDialog(null)} />}
      </Suspense>
    </>
  );
}
