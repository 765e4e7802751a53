import { CONTRIBUTION_STATUSES, type ContributionStatus } from '@anju/contracts/club-magazine';
import { App, Button, Flex, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Contribution, useContributions, useDecideContribution, useMagazineIssues } from '../../api/clubMagazine';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { useErrorText } from '../../lib/errorText';
import { useCan } from '../../lib/permissions';

const COLORS: Record<ContributionStatus, string> = {
  received: 'blue',
  accepted: 'gold',
  published: 'green',
  declined: 'default',
};

/** Owners' contributions with their editorial status: accept, decline, or publish in a published issue. */
export function ContributionsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const can = useCan();
  const [status, setStatus] = useState<ContributionStatus | undefined>('received');
  const query = useContributions(status);
  const published = useMagazineIssues('published');
  const decide = useDecideContribution();
  const [issueFor, setIssueFor] = useState<Record<string, string>>({});
  const issueOptions = (published.data?.pages ?? [])
    .flatMap((p) => p.items)
    .map((i) => ({ value: i.id, label: `${i.title} · ${i.period}` }));

  const act = (c: Contribution, next: 'accepted' | 'declined' | 'published') =>
    decide.mutate(
      {
        id: c.id,
        body: { status: next, version: c.version, ...(next === 'published' ? { issueId: issueFor[c.id] } : {}) },
      },
      {
        onSuccess: () => message.success(t(`club.magazine.contributionStatuses.${next}`)),
        onError: (e) => message.error(errorText(e)),
      },
    );

  const columns: TableColumnsType<Contribution> = [
    { key: 'submittedAt', title: t('club.magazine.submittedAt'), render: (_, c) => <DateTime value={c.submittedAt} /> },
    { key: 'name', title: t('club.members.name'), dataIndex: 'customerName' },
    {
      key: 'piece',
      title: t('club.magazine.piece'),
      render: (_, c) => (
        <>
          <Typography.Text strong>{c.title}</Typography.Text>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>
            {c.body}
          </Typography.Paragraph>
        </>
      ),
    },
    {
      key: 'status',
      title: t('club.magazine.status'),
      render: (_, c) => (
        <Tag color={COLORS[c.status]}>
          {t(`club.magazine.contributionStatuses.${c.status}`)}
          {c.issueTitle ? ` · ${c.issueTitle}` : ''}
        </Tag>
      ),
    },
    ...(can('club.manage')
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, c: Contribution) =>
              c.status === 'published' || c.status === 'declined' ? null : (
                <Space wrap>
                  {c.status === 'received' && (
                    <Button size="small" onClick={() => act(c, 'accepted')} data-testid={`contribution-accept-${c.id}`}>
                      {t('club.magazine.accept')}
                    </Button>
                  )}
                  <Select
                    size="small"
                    placeholder={t('club.magazine.chooseIssue')}
                    options={issueOptions}
                    value={issueFor[c.id]}
                    onChange={(v) => setIssueFor((m) => ({ ...m, [c.id]: v }))}
                    style={{ width: 200 }}
                  />
                  <Button size="small" type="primary" disabled={!issueFor[c.id]} onClick={() => act(c, 'published')}>
                    {t('club.magazine.publishIn')}
                  </Button>
                  <Button size="small" danger onClick={() => act(c, 'declined')}>
                    {t('club.magazine.decline')}
                  </Button>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Select<ContributionStatus | undefined>
          allowClear
          placeholder={t('club.magazine.allStatuses')}
          value={status}
          onChange={setStatus}
          options={CONTRIBUTION_STATUSES.map((s) => ({
            value: s,
            label: t(`club.magazine.contributionStatuses.${s}`),
          }))}
          style={{ width: 180 }}
          data-testid="contribution-status-filter"
        />
      </Flex>
      <CursorTable<Contribution>
        query={query}
        rowKey="id"
        columns={columns}
        emptyText={t('club.magazine.noContributions')}
        loadMoreTestId="contributions-more"
      />
    </>
  );
}
