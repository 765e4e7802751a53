import {
  COMPLAINT_CAUSES,
  type ComplaintCause,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketStatus,
  type TicketType,
} from '@anju/contracts';
import { Checkbox, Flex, Input, Segmented, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useCan } from '../../lib/permissions';
import '../kpiDataStrings';
import { CategorySelect, useTicketOptions } from './fields';

/** What the queue filters on, kept in the URL so Back from a ticket returns to the same view. */
export interface QueueState {
  status?: TicketStatus;
  type?: TicketType;
  projectId?: string;
  categoryCode?: string;
  complaintCause?: ComplaintCause;
  q?: string;
  sort: 'created' | 'due';
  leak: boolean;
  open: boolean;
  warning: boolean;
  overdue: boolean;
  mine: boolean;
}

const FLAGS = ['open', 'warning', 'overdue', 'mine', 'leak'] as const;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  list.includes(v as T) ? (v as T) : undefined;

export function useQueueState(): [QueueState, (patch: Partial<QueueState>) => void] {
  const [params, setParams] = useSearchParams();
  const state: QueueState = {
    status: oneOf(TICKET_STATUSES, params.get('status')),
    type: oneOf(TICKET_TYPES, params.get('type')),
    projectId: params.get('projectId') ?? undefined,
    categoryCode: params.get('categoryCode') ?? undefined,
    complaintCause: oneOf(COMPLAINT_CAUSES, params.get('complaintCause')),
    q: params.get('q') ?? undefined,
    sort: params.get('sort') === 'due' ? 'due' : 'created',
    open: params.get('open') === '1',
    warning: params.get('warning') === '1',
    overdue: params.get('overdue') === '1',
    mine: params.get('mine') === '1',
    leak: params.get('leak') === '1',
  };
  const update = (patch: Partial<QueueState>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          const text = (FLAGS as readonly string[]).includes(key) ? (value ? '1' : '') : String(value ?? '');
          if (!text || (key === 'sort' && text === 'created')) next.delete(key);
          else next.set(key, text);
        }
        return next;
      },
      { replace: true },
    );
  return [state, update];
}

/** The filter bar of the ticket queue. */
export function QueueFilters({ state, onChange }: { state: QueueState; onChange: (p: Partial<QueueState>) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const options = useTicketOptions();
  // follows the URL too, so applying a saved view shows its search text
  const [q, setQ] = useState(state.q ?? '');
  useEffect(() => setQ(state.q ?? ''), [state.q]);
  const flag = (key: (typeof FLAGS)[number], label: string) => (
    <Checkbox
      checked={state[key]}
      onChange={(e) => onChange({ [key]: e.target.checked })}
      data-testid={`filter-${key}`}
    >
      {label}
    </Checkbox>
  );
  return (
    <Flex wrap gap={12} align="center">
      <Input.Search
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('tickets.searchHint')}
        onSearch={(v) => onChange({ q: v.trim() || undefined })}
        style={{ width: 240 }}
        data-testid="tickets-search"
      />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('tickets.status')}
        value={state.status}
        onChange={(status) => onChange({ status })}
        options={options.statuses}
        data-testid="filter-status"
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('tickets.type')}
        value={state.type}
        onChange={(type) => onChange({ type })}
        options={options.types}
        data-testid="filter-type"
      />
      {can('property.read') && (
        <ProjectFilter
          style={{ width: 200 }}
          value={state.projectId}
          onChange={(projectId) => onChange({ projectId })}
          testId="filter-project"
        />
      )}
      <CategorySelect
        style={{ width: 200 }}
        value={state.categoryCode}
        onChange={(categoryCode) => onChange({ categoryCode })}
        testId="filter-category"
      />
      <Select
        allowClear
        style={{ width: 140 }}
        placeholder={t('kpiData.complaintCause')}
        value={state.complaintCause}
        onChange={(complaintCause) => onChange({ complaintCause })}
        options={COMPLAINT_CAUSES.map((c) => ({ value: c, label: t(`kpiData.causes.${c}`) }))}
        data-testid="filter-complaintCause"
      />
      {flag('leak', t('kpiData.leakOnly'))}
      {flag('open', t('tickets.filters.open'))}
      {flag('warning', t('tickets.filters.warning'))}
      {flag('overdue', t('tickets.filters.overdue'))}
      {flag('mine', t('tickets.filters.mine'))}
      <Segmented<QueueState['sort']>
        value={state.sort}
        onChange={(sort) => onChange({ sort })}
        options={[
          { value: 'created', label: t('tickets.filters.newest') },
          { value: 'due', label: t('tickets.filters.byDue') },
        ]}
        data-testid="tickets-sort"
      />
    </Flex>
  );
}
