import type { LedgerKind } from '@anju/contracts/club';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Space,
  Spin,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LedgerEntry, useAdjustPoints, useClubMember, usePointsStatement, useReverseEntry } from '../../api/club';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorState';
import { ReasonModal } from '../../components/ReasonModal';
import { useErrorText } from '../../lib/errorText';
import { useCan } from '../../lib/permissions';
import { useTierName } from './tierName';

const KIND_COLORS: Record<LedgerKind, string> = {
  earn: 'green',
  redeem: 'blue',
  expire: 'default',
  adjust: 'gold',
  reverse: 'red',
};

const EVENT_KINDS = ['joined', 'class_changed', 'status_changed', 'tier_changed', 'updated'] as const;
const isEventKind = (k: string): k is (typeof EVENT_KINDS)[number] => (EVENT_KINDS as readonly string[]).includes(k);

/** One member: class, tier and its benefits, history, the points statement and (club.manage) a manual adjustment. */
export function MemberDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const tierName = useTierName();
  const member = useClubMember(id);
  const statement = usePointsStatement(id);
  const m = member.data;
  const balance = statement.data?.pages[0]?.balance ?? m?.balance;
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);
  const reverse = useReverseEntry(id);
  const { message } = App.useApp();

  const columns: TableColumnsType<LedgerEntry> = [
    { key: 'at', title: t('club.detail.at'), render: (_, e) => <DateTime value={e.at} /> },
    {
      key: 'kind',
      title: t('club.detail.kind'),
      render: (_, e) => <Tag color={KIND_COLORS[e.kind]}>{t(`club.ledgerKinds.${e.kind}`)}</Tag>,
    },
    {
      key: 'points',
      title: t('club.detail.points'),
      align: 'end',
      render: (_, e) => (
        <Typography.Text type={e.points < 0 ? 'danger' : 'success'}>
          {e.points > 0 ? `+${e.points}` : e.points}
        </Typography.Text>
      ),
    },
    { key: 'balanceAfter', title: t('club.detail.balanceAfter'), align: 'end', dataIndex: 'balanceAfter' },
    { key: 'reason', title: t('club.detail.reason'), render: (_, e) => e.reason ?? '—' },
    ...(can('club.manage')
      ? [
          {
            key: 'reverse',
            title: t('common.actions'),
            render: (_: unknown, e: LedgerEntry) =>
              e.kind === 'reverse' ? null : (
                <Button
                  size="small"
                  type="link"
                  danger
                  onClick={() => setReversing(e)}
                  data-testid={`club-reverse-${e.id}`}
                >
                  {t('club.reverse.button')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open
      onClose={onClose}
      width={720}
      title={m ? t('club.detail.title', { cardNo: m.cardNo }) : ''}
      data-testid="club-member-drawer"
    >
      {member.isError && <ErrorAlert error={member.error} onRetry={() => member.refetch()} />}
      {!m ? (
        member.isPending && <Spin />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('club.members.name')}>{m.customerName}</Descriptions.Item>
            <Descriptions.Item label={t('club.members.class')}>{t(`club.classes.${m.class}`)}</Descriptions.Item>
            <Descriptions.Item label={t('club.members.tier')}>{tierName(m.tier)}</Descriptions.Item>
            <Descriptions.Item label={t('club.members.status')}>{t(`club.statuses.${m.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('club.members.balance')}>
              <span data-testid="club-member-balance">{balance}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('club.members.lifetimePoints')}>{m.lifetimePoints}</Descriptions.Item>
            <Descriptions.Item label={t('club.detail.benefits')} span={2}>
              {m.benefits.priorityBooking || m.benefits.purchaseDiscount ? (
                <>
                  {m.benefits.priorityBooking && <Tag color="blue">{t('club.detail.priorityBooking')}</Tag>}
                  {m.benefits.purchaseDiscount && <Tag color="gold">{t('club.detail.purchaseDiscount')}</Tag>}
                </>
              ) : (
                t('club.detail.noBenefits')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('club.members.joinedAt')} span={2}>
              <DateTime value={m.joinedAt} />
            </Descriptions.Item>
          </Descriptions>

          {can('club.manage') && <AdjustForm memberId={id} />}

          <div>
            <Typography.Title level={5}>{t('club.detail.statement')}</Typography.Title>
            <CursorTable<LedgerEntry>
              query={statement}
              rowKey="id"
              columns={columns}
              size="small"
              onRow={(e) => ({ 'data-testid': `club-ledger-${e.id}` }) as never}
              emptyText={t('club.detail.noEntries')}
              loadMoreTestId="club-statement-more"
            />
            <ReasonModal
              open={reversing !== null}
              title={t('club.reverse.title', { points: reversing?.points ?? 0 })}
              reasonLabel={t('club.reverse.reason')}
              reasonHint={t('club.reverse.hint')}
              testIdPrefix="club-reverse"
              pending={reverse.isPending}
              submit={(reason, callbacks) =>
                reversing &&
                reverse.mutate(
                  { entryId: reversing.id, reason },
                  {
                    onSuccess: () => {
                      setReversing(null);
                      message.success(t('club.reverse.done'));
                    },
                    onError: callbacks.onError,
                  },
                )
              }
              onClose={() => setReversing(null)}
            />
          </div>

          <div>
            <Typography.Title level={5}>{t('club.detail.history')}</Typography.Title>
            {m.history.length === 0 ? (
              <Typography.Text type="secondary">{t('club.detail.noHistory')}</Typography.Text>
            ) : (
              <Timeline
                items={m.history.map((h) => ({
                  children: (
                    <>
                      <Typography.Text strong>
                        {isEventKind(h.kind) ? t(`club.events.${h.kind}`) : h.kind}
                      </Typography.Text>
                      {(h.from || h.to) && ` ${h.from ?? '—'} → ${h.to ?? '—'}`}
                      <br />
                      <Typography.Text type="secondary">
                        <DateTime value={h.at} />
                        {h.actorName ? ` · ${h.actorName}` : ''}
                      </Typography.Text>
                    </>
                  ),
                }))}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}

/** A manual adjustment with its reason; above the club's threshold it waits for a second person (202). */
function AdjustForm({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const adjust = useAdjustPoints(memberId);
  const [form] = Form.useForm<{ points: number; reason: string }>();
  const [pending, setPending] = useState(false);
  const onFinish = (v: { points: number; reason: string }) => {
    setPending(false);
    adjust.mutate(v, {
      onSuccess: (a) => {
        form.resetFields();
        if (a.status === 'pending') setPending(true);
        else message.success(t('club.adjust.applied'));
      },
      onError: (e) => message.error(errorText(e)),
    });
  };
  return (
    <div>
      <Typography.Title level={5}>{t('club.adjust.title')}</Typography.Title>
      {pending && (
        <Alert
          type="info"
          showIcon
          message={t('club.adjust.pending')}
          style={{ marginBottom: 12 }}
          data-testid="club-adjust-pending"
        />
      )}
      <Form form={form} layout="inline" onFinish={onFinish}>
        <Form.Item
          name="points"
          label={t('club.adjust.points')}
          rules={[
            {
              validator: (_, v: number | null | undefined) =>
                typeof v === 'number' && Number.isInteger(v) && v !== 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('club.adjust.pointsRule'))),
            },
          ]}
        >
          <InputNumber<number> precision={0} style={{ width: 120 }} data-testid="club-adjust-points" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('club.adjust.reason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { min: 2, max: 200 },
          ]}
        >
          <Input style={{ width: 220 }} maxLength={200} data-testid="club-adjust-reason" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={adjust.isPending} data-testid="club-adjust-submit">
            {t('club.adjust.submit')}
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}
