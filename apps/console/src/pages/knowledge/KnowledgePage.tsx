import { KNOWLEDGE_AUDIENCES, KNOWLEDGE_STATUSES } from '@anju/contracts/knowledge';
import { Button, Card, Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KnowledgeFilter, type KnowledgeHit, useKnowledgeSearch } from '../../api/knowledge';
import { DateTime } from '../../components/DateTime';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { CategoryMultiSelect } from './CategoryMultiSelect';
import './knowledgeStrings';

const KnowledgeDrawer = lazy(async () => ({ default: (await import('./KnowledgeDrawer')).KnowledgeDrawer }));

/** The knowledge base of standard problems: search by words and filters, open an article to read or edit it. */
export function KnowledgePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [words, setWords] = useState('');
  const [filter, setFilter] = useState<KnowledgeFilter>({});
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const search = useKnowledgeSearch(filter);
  const rows = search.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (patch: Partial<KnowledgeFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<KnowledgeHit> = [
    { key: 'number', title: t('knowledge.number'), dataIndex: 'number', width: 100 },
    {
      key: 'title',
      title: t('knowledge.name'),
      render: (_, a) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(a.id)} data-testid="knowledge-open">
          {a.title}
        </Button>
      ),
    },
    {
      key: 'cause',
      title: t('knowledge.primaryCause'),
      render: (_, a) => (a.primaryCause ? t(`tickets.rootCauses.${a.primaryCause}`) : '—'),
    },
    { key: 'part', title: t('knowledge.part'), dataIndex: 'part' },
    {
      key: 'audience',
      title: t('knowledge.audience'),
      render: (_, a) => (
        <Tag color={a.audience === 'owner' ? 'blue' : 'default'}>{t(`knowledge.audiences.${a.audience}`)}</Tag>
      ),
    },
    {
      key: 'status',
      title: t('knowledge.status'),
      render: (_, a) => (
        <Tag color={a.status === 'published' ? 'green' : 'orange'}>{t(`knowledge.statuses.${a.status}`)}</Tag>
      ),
    },
    { key: 'version', title: t('knowledge.version'), dataIndex: 'version', width: 70 },
    { key: 'updatedAt', title: t('knowledge.updatedAt'), render: (_, a) => <DateTime value={a.updatedAt} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('knowledge.title')}
        extra={
          can('knowledge.manage') ? (
            <Button type="primary" onClick={() => setOpen('new')} data-testid="knowledge-create">
              {t('knowledge.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            value={words}
            onChange={(e) => setWords(e.target.value)}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            placeholder={t('knowledge.search')}
            style={{ flex: '1 1 320px' }}
            data-testid="knowledge-search"
          />
          <CategoryMultiSelect
            single
            value={filter.category ? [filter.category] : []}
            onChange={(v) => set({ category: v[0] })}
            placeholder={t('knowledge.allCategories')}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            value={filter.audience}
            onChange={(audience) => set({ audience })}
            placeholder={t('knowledge.allAudiences')}
            style={{ width: 180 }}
            options={KNOWLEDGE_AUDIENCES.map((a) => ({ value: a, label: t(`knowledge.audiences.${a}`) }))}
          />
          <Select
            allowClear
            value={filter.status}
            onChange={(status) => set({ status })}
            placeholder={t('knowledge.allStatuses')}
            style={{ width: 140 }}
            options={KNOWLEDGE_STATUSES.map((s) => ({ value: s, label: t(`knowledge.statuses.${s}`) }))}
          />
        </Flex>
        <Table<KnowledgeHit>
          rowKey="id"
          size="middle"
          loading={search.isLoading}
          dataSource={rows}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('knowledge.empty') }}
          data-testid="knowledge-table"
        />
        <LoadMore
          loaded={rows.length}
          hasMore={!!search.hasNextPage}
          loading={search.isFetchingNextPage}
          onLoadMore={() => void search.fetchNextPage()}
        />
      </Card>
      {open && (
        <Suspense fallback={null}>
          <KnowledgeDrawer id={open === 'new' ? null : open} onClose={() => setOpen(null)} onSaved={setOpen} />
        </Suspense>
      )}
    </>
  );
}
