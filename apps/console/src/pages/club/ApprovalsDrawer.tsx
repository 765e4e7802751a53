import { App, Button, Drawer, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { type PendingAdjustment, useDecideAdjustment, usePendingAdjustments } from '../../api/club';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { ReasonModal } from '../../components/ReasonModal';
import { useErrorText } from '../../lib/errorText';

const mono = { fontFamily: 'monospace' } as const;

/**
 * Adjustments above the club's threshold waiting for a second person: approve (never one's own) or reject with a
 * reason (the requester may withdraw theirs this way).
 */
export function ApprovalsDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const query = usePendingAdjustments();
  const decide = useDecideAdjustment();
  const [rejecting, setRejecting] = useState<PendingAdjustment | null>(null);

  const approve = (a: PendingAdjustment) =>
    decide.mutate(
      { id: a.id, decision: 'approve' },
      {
        onSuccess: () => message.success(t('club.approvals.approved')),
        onError: (e) => message.error(errorText(e)),
      },
    );

  const columns: TableColumnsType<PendingAdjustment> = [
    { key: 'cardNo', title: t('club.members.cardNo'), render: (_, a) => <span style={mono}>{a.cardNo}</span> },
    { key: 'name', title: t('club.members.name'), dataIndex: 'customerName' },
    {
      key: 'points',
      title: t('club.detail.points'),
      align: 'end',
      render: (_, a) => (
        <Typography.Text type={a.points < 0 ? 'danger' : 'success'}>
          {a.points > 0 ? `+${a.points}` : a.points}
        </Typography.Text>
      ),
    },
    { key: 'reason', title: t('club.adjust.reason'), dataIndex: 'reason' },
    {
      key: 'requested',
      title: t('club.approvals.requested'),
      render: (_, a) => (
        <>
          {a.requestedByName ?? '—'}
          <br />
          <Typography.Text type="secondary">
            <DateTime value={a.requestedAt} />
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, a) => {
        const own = a.requestedBy === me?.id;
        return (
          <Space>
            <Button
              size="small"
              type="primary"
              disabled={own}
              title={own ? t('club.approvals.ownHint') : undefined}
              loading={decide.isPending && decide.variables?.id === a.id}
              onClick={() => approve(a)}
              data-testid={`club-approve-${a.id}`}
            >
              {t('club.approvals.approve')}
            </Button>
            <Button size="small" danger onClick={() => setRejecting(a)} data-testid={`club-reject-${a.id}`}>
              {own ? t('club.approvals.withdraw') : t('club.approvals.reject')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Drawer open onClose={onClose} width={860} title={t('club.approvals.title')} data-testid="club-approvals">
      <CursorTable<PendingAdjustment>
        query={query}
        rowKey="id"
        columns={columns}
        size="small"
        emptyText={t('club.approvals.empty')}
        loadMoreTestId="club-approvals-more"
      />
      <ReasonModal
        open={rejecting !== null}
        title={t('club.approvals.rejectTitle', { cardNo: rejecting?.cardNo ?? '' })}
        reasonLabel={t('club.approvals.rejectReason')}
        testIdPrefix="club-reject"
        pending={decide.isPending}
        submit={(reason, callbacks) =>
          rejecting &&
          decide.mutate(
            { id: rejecting.id, decision: 'reject', reason },
            {
              onSuccess: () => {
                setRejecting(null);
                message.success(t('club.approvals.rejected'));
              },
              onError: callbacks.onError,
            },
          )
        }
        onClose={() => setRejecting(null)}
      />
    </Drawer>
  );
}
