import type { AuditEvent } from '@anju/contracts';
import { Card, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditEvents } from '../../api/audit';
import type { AuditFilters as Filters } from '../../api/types';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useCodeWords } from '../../lib/codeWords';
import { AuditDetail } from './AuditDetail';
import { AuditFilters } from './AuditFilters';
import './operationStrings';

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const query = useAuditEvents(filters);
  const words = useCodeWords();

  const columns: TableColumnsType<AuditEvent> = [
    { key: 'at', title: t('audit.at'), render: (_, e) => <DateTime value={e.at} seconds /> },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) =>
        e.actorKind === 'staff' || e.actorKind === 'owner' ? (
          `${e.actorKind === 'owner' ? `${t('audit.owner')} ` : ''}${e.actorName ?? ''}`
        ) : (
          <Typography.Text type="secondary">{t(`audit.${e.actorKind}`)}</Typography.Text>
        ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => (
        <Tooltip title={e.action}>
          <Tag color="processing">{words.auditAction(e.action)}</Tag>
        </Tooltip>
      ),
    },
    { key: 'entityType', title: t('audit.entityType'), dataIndex: 'entityType' },
    {
      key: 'entityId',
      title: t('audit.entityId'),
      render: (_, e) =>
        e.entityId ? (
          <Typography.Text copyable style={mono}>
            {e.entityId}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'ip', title: t('audit.ip'), render: (_, e) => e.ip ?? '—' },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      render: (_, e) => (e.requestId ? <Typography.Text style={mono}>{e.requestId}</Typography.Text> : '—'),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <AuditFilters onChange={setFilters} />
        <CursorTable<AuditEvent>
          query={query}
          rowKey="id"
          columns={columns}
          expandable={{ expandedRowRender: (e) => <AuditDetail event={e} /> }}
          emptyText={t('audit.empty')}
          loadMoreTestId="audit-load-more"
        />
      </Card>
    </>
  );
}
