import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Select, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { type TicketView, useDeleteTicketView, useTicketViews } from '../../api/ticketViews';
import { useErrorText } from '../../lib/errors';
import type { QueueState } from './QueueFilters';

// its form is fetched when it opens
const SaveViewModal = lazy(async () => ({ default: (await import('./SaveViewModal')).SaveViewModal }));

const FLAGS = ['open', 'warning', 'overdue'] as const;
const TRUTHY = new Set(['1', 'true', 'yes', 'on', 'y', 'enabled']);

/** The queue's filters as a view stores them: server filter names, `mine` as my user id, flags as `1`. */
export function toViewQuery(s: QueueState, meId: string | undefined): Record<string, string> {
  const q: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (value) q[key] = value;
  };
  set('status', s.status);
  set('type', s.type);
  set('projectId', s.projectId);
  set('categoryCode', s.categoryCode);
  set('q', s.q);
  if (s.sort === 'due') q.sort = 'due';
  for (const f of FLAGS) if (s[f]) q[f] = '1';
  if (s.mine && meId) q.assigneeUserId = meId;
  return q;
}

/** A view's filters as the queue's query string: my own user id becomes `mine=1`, flags `1`; keys sorted. */
export function viewSearch(query: Record<string, string>, meId: string | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query).sort(([a], [b]) => a.localeCompare(b))) {
    if (key === 'assigneeUserId' && value === meId) params.set('mine', '1');
    else if ((FLAGS as readonly string[]).includes(key)) {
      if (TRUTHY.has(value.toLowerCase())) params.set(key, '1');
    } else if (!(key === 'sort' && value === 'created')) params.set(key, value);
  }
  params.sort();
  return params.toString();
}

/** Saved queue views: pick one to apply its filters, save the current ones under a name, delete the one applied. */
export function SavedViews({ state }: { state: QueueState }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const views = useTicketViews();
  const remove = useDeleteTicketView();
  const [saving, setSaving] = useState(false);
  const query = toViewQuery(state, me?.id);
  const current = viewSearch(query, me?.id);
  const active = views.data?.find((v) => viewSearch(v.query, me?.id) === current);

  const apply = (id: string) => {
    const view = views.data?.find((v) => v.id === id);
    if (!view) return;
    const search = viewSearch(view.query, me?.id);
    navigate(search ? `/tickets?${search}` : '/tickets');
  };
  const onDelete = (view: TicketView) =>
    remove.mutate(view.id, {
      onSuccess: () => message.success(t('tickets.views.deleted', { name: view.name })),
      onError: (e) => message.error(errorText(e)),
    });

  return (
    <Space wrap>
      <Select<string>
        style={{ width: 200 }}
        placeholder={t('tickets.views.placeholder')}
        value={active?.id}
        onChange={apply}
        loading={views.isLoading}
        notFoundContent={views.isError ? t('tickets.loadFailed') : t('tickets.views.none')}
        options={(views.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        data-testid="views-select"
      />
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="views-save">
        {t('tickets.views.save')}
      </Button>
      {active && (
        <Popconfirm
          title={t('tickets.views.deleteConfirm', { name: active.name })}
          onConfirm={() => onDelete(active)}
          okButtonProps={{ danger: true, loading: remove.isPending }}
        >
          <Button icon={<DeleteOutlined />} danger loading={remove.isPending} data-testid="views-delete">
            {t('tickets.views.delete')}
          </Button>
        </Popconfirm>
      )}
      {saving && (
        <Suspense fallback={null}>
          <SaveViewModal
            views={views.data ?? []}
            query={query}
            initialName={active?.name}
            onClose={() => setSaving(false)}
          />
        </Suspense>
      )}
    </Space>
  );
}
