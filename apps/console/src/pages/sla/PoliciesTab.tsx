import type { LadderStep, SlaPolicy } from '@anju/contracts';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSlaPolicies } from '../../api/sla';
import { ErrorState } from '../../components/ErrorState';
import { useFormatMinutes } from '../../lib/duration';
import { useCan } from '../../lib/permissions';
import { useCategoryName, useSlaOptions } from './slaFields';

// its form (ladder editor, number fields) is fetched when it opens
const PolicyModal = lazy(async () => ({ default: (await import('./PolicyModal')).PolicyModal }));

const keyOf = (p: SlaPolicy) => p.id ?? `builtin:${p.ticketType}:${p.node}`;
const rowProps = (p: SlaPolicy) => ({ 'data-testid': `sla-policy-${keyOf(p)}` }) as HTMLAttributes<HTMLElement>;

function LadderSummary({ ladder }: { ladder: LadderStep[] }) {
  const { t } = useTranslation();
  const minutes = useFormatMinutes();
  if (ladder.length === 0) return <span>—</span>;
  return (
    <Flex vertical gap={2}>
      {[...ladder]
        .sort((a, b) => a.level - b.level)
        .map((s) => (
          <Tooltip key={s.level} title={s.roles.join(', ')}>
            <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {`L${s.level} +${minutes(s.delayMinutes)} → ${t(`sla.targets.${s.target}`)}`}
            </Typography.Text>
          </Tooltip>
        ))}
    </Flex>
  );
}

/** The company's own policies and the built-in rules it has not overridden; editing a built-in one overrides it. */
export function PoliciesTab({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('sla.manage');
  const query = useSlaPolicies(companyId);
  const options = useSlaOptions();
  const categoryName = useCategoryName();
  const minutes = useFormatMinutes();
  const [editing, setEditing] = useState<{ policy?: SlaPolicy }>();
  const policies = query.data ?? [];
  const defaultLadder = policies.find((p) => p.builtin)?.ladder ?? [];
  const anyOr = (value: string, label: (v: string) => string) =>
    value ? label(value) : <Typography.Text type="secondary">{t('sla.any')}</Typography.Text>;

  const columns: TableColumnsType<SlaPolicy> = [
    {
      key: 'type',
      title: t('sla.policy.type'),
      render: (_, p) => t(`enums.ticketType.${p.ticketType}`),
      filters: options.types.map((o) => ({ value: o.value, text: o.label })),
      onFilter: (value, p) => p.ticketType === value,
    },
    {
      key: 'node',
      title: t('sla.policy.node'),
      render: (_, p) => t(`enums.slaNode.${p.node}`),
      filters: options.nodes.map((o) => ({ value: o.value, text: o.label })),
      onFilter: (value, p) => p.node === value,
    },
    { key: 'category', title: t('sla.policy.category'), render: (_, p) => anyOr(p.categoryCode, categoryName) },
    {
      key: 'priority',
      title: t('sla.policy.priority'),
      render: (_, p) => anyOr(p.priority, (v) => t(`enums.ticketPriority.${v as 'normal'}`)),
    },
    {
      key: 'major',
      title: t('sla.policy.major'),
      render: (_, p) => anyOr(p.major, (v) => t(`sla.majorValues.${v as 'yes'}`)),
    },
    {
      key: 'limit',
      title: t('sla.policy.limit'),
      render: (_, p) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {minutes(p.limitMinutes, { exact: true, hours: p.mode === 'working' })}
        </span>
      ),
    },
    { key: 'mode', title: t('sla.policy.mode'), render: (_, p) => t(`sla.modes.${p.mode}`) },
    { key: 'warn', title: t('sla.policy.warnPercent'), render: (_, p) => `${p.warnPercent}%` },
    { key: 'ladder', title: t('sla.policy.ladder'), render: (_, p) => <LadderSummary ladder={p.ladder} /> },
    {
      key: 'source',
      title: t('sla.policy.source'),
      render: (_, p) =>
        p.builtin ? <Tag>{t('sla.policy.builtin')}</Tag> : <Tag color="blue">{t('sla.policy.custom')}</Tag>,
      filters: [
        { value: 'builtin', text: t('sla.policy.builtin') },
        { value: 'custom', text: t('sla.policy.custom') },
      ],
      onFilter: (value, p) => (value === 'builtin') === p.builtin,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'end',
      render: (_, p) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing({ policy: p })}
          data-testid={`sla-policy-edit-${keyOf(p)}`}
        >
          {p.builtin ? t('sla.policy.override') : t('sla.policy.edit')}
        </Button>
      ),
    });
  }

  if (query.isError && !query.data) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  return (
    <Flex vertical gap={12}>
      {canManage && (
        <Flex justify="end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="sla-policy-create">
            {t('sla.policy.create')}
          </Button>
        </Flex>
      )}
      <Table<SlaPolicy>
        rowKey={keyOf}
        size="small"
        columns={columns}
        dataSource={policies}
        loading={query.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        onRow={rowProps}
        locale={{ emptyText: <Empty description={t('sla.policy.empty')} /> }}
      />
      <Suspense fallback={null}>
        {editing && (
          <PolicyModal
            companyId={companyId}
            policy={editing.policy}
            defaultLadder={defaultLadder}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Suspense>
    </Flex>
  );
}
