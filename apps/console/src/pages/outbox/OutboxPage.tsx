import { OUTBOX_TEMPLATES, type OutboxTemplate } from '@anju/contracts';
import { Card, Select, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type OutboxMessage, type OutboxStatus, useOutbox } from '../../api/messaging';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useCodeWords } from '../../lib/codeWords';
import { useEnumOptions } from '../../lib/enumOptions';
import { useCan } from '../../lib/permissions';
import '../audit/operationStrings';
import '../sla/slaWorkStrings';

const STATUS_COLORS: Record<OutboxStatus, string> = {
  queued: 'default',
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  skipped: 'warning',
};
const mono = { fontFamily: 'monospace', fontSize: 12 } as const;
const rowProps = (m: OutboxMessage) => ({ 'data-testid': `outbox-row-${m.id}` }) as HTMLAttributes<HTMLElement>;

/** SMS and e-mail the platform wrote in my scope, with delivery status; recipients come masked. */
export function OutboxPage() {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const can = useCan();
  const words = useCodeWords();
  const [status, setStatus] = useState<OutboxStatus>();
  const [template, setTemplate] = useState<OutboxTemplate>();
  const query = useOutbox({ status, template });
  const templateOptions = OUTBOX_TEMPLATES.map((value) => ({ value, label: words.template(value) }));

  const columns: TableColumnsType<OutboxMessage> = [
    { key: 'createdAt', title: t('outbox.createdAt'), render: (_, m) => <DateTime value={m.createdAt} seconds /> },
    {
      key: 'channel',
      title: t('outbox.channel'),
      render: (_, m) => (
        <Tag color={m.channel === 'sms' ? 'cyan' : 'geekblue'}>{t(`enums.outboxChannel.${m.channel}`)}</Tag>
      ),
    },
    { key: 'recipient', title: t('outbox.recipient'), render: (_, m) => <span style={mono}>{m.recipientMasked}</span> },
    {
      key: 'template',
      title: t('outbox.template'),
      render: (_, m) => (
        <Tooltip title={m.template}>
          <Tag>{words.template(m.template)}</Tag>
        </Tooltip>
      ),
    },
    {
      key: 'content',
      title: t('outbox.content'),
      render: (_, m) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: m.body }} style={{ margin: 0, maxWidth: 320 }}>
          {m.subject ? <Typography.Text strong>{`${m.subject} · `}</Typography.Text> : null}
          {m.body}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'status',
      title: t('outbox.status'),
      render: (_, m) => <Tag color={STATUS_COLORS[m.status]}>{t(`enums.outboxStatus.${m.status}`)}</Tag>,
    },
    { key: 'sentAt', title: t('outbox.sentAt'), render: (_, m) => <DateTime value={m.sentAt} seconds /> },
    { key: 'attempts', title: t('outbox.attempts'), dataIndex: 'attempts', align: 'end' },
    {
      key: 'lastError',
      title: t('outbox.lastError'),
      render: (_, m) =>
        m.lastError ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: m.lastError }} style={{ maxWidth: 240 }}>
            {m.lastError}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'provider', title: t('outbox.provider'), render: (_, m) => m.provider ?? '—' },
    {
      key: 'ref',
      title: t('outbox.ref'),
      render: (_, m) => {
        if (!m.refType) return '—';
        const text = <span style={mono}>{`${m.refType}:${(m.refId ?? '').slice(0, 8)}`}</span>;
        const linked =
          m.refType === 'ticket' && m.refId && can('tickets.read') ? (
            <Link to={`/tickets/${m.refId}`}>{text}</Link>
          ) : (
            text
          );
        return <Tooltip title={`${m.refType}:${m.refId ?? ''}`}>{linked}</Tooltip>;
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('outbox.title')} />
      <Card>
        <Select<OutboxStatus | undefined>
          allowClear
          placeholder={t('outbox.allStatuses')}
          value={status}
          onChange={setStatus}
          options={enumOptions('outboxStatus')}
          style={{ width: 200, maxWidth: '100%', marginBottom: 12 }}
          data-testid="outbox-status-filter"
        />
        <Select<OutboxTemplate | undefined>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('outbox.allTemplates')}
          value={template}
          onChange={setTemplate}
          options={templateOptions}
          style={{ width: 240, maxWidth: '100%', marginBottom: 12, marginInlineStart: 8 }}
          data-testid="outbox-template-filter"
        />
        <CursorTable<OutboxMessage>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={rowProps}
          emptyText={t('outbox.empty')}
          loadMoreTestId="outbox-load-more"
        />
      </Card>
    </>
  );
}
