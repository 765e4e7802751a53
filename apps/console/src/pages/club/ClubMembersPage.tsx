import { MEMBER_CLASSES, type Member, type MemberClass } from '@anju/contracts/club';
import { Badge, Button, Card, Flex, Input, InputNumber, Select, Space, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  exportClubMembers,
  type MemberFilter,
  useClubMembers,
  useClubTiers,
  usePendingAdjustments,
} from '../../api/club';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useDownload } from '../../lib/download';
import { useCan } from '../../lib/permissions';
import './clubStrings';
import { useTierName } from './tierName';

const MemberDrawer = lazy(async () => ({ default: (await import('./MemberDrawer')).MemberDrawer }));
const EnrolModal = lazy(async () => ({ default: (await import('./EnrolModal')).EnrolModal }));
const ApprovalsDrawer = lazy(async () => ({ default: (await import('./ApprovalsDrawer')).ApprovalsDrawer }));
const ImportMembersModal = lazy(async () => ({ default: (await import('./ImportMembersModal')).ImportMembersModal }));
const SettingsModal = lazy(async () => ({ default: (await import('./SettingsModal')).SettingsModal }));

const mono = { fontFamily: 'monospace' } as const;
const rowProps = (m: Member) =>
  ({ 'data-testid': `club-member-row-${m.cardNo}`, style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>;

/** The owners' club members I see: filters by class, tier and points, enrolment and each member's drawer. */
export function ClubMembersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const tierName = useTierName();
  const tiers = useClubTiers();
  const [filter, setFilter] = useState<MemberFilter>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const [importing, setImporting] = useState(false);
  const { downloading, run } = useDownload();
  const [panel, setPanel] = useState<'approvals' | 'settings' | null>(null);
  const pending = usePendingAdjustments(can('club.manage'));
  const pendingCount = pending.data?.pages[0]?.items.length ?? 0;
  const query = useClubMembers(filter);
  const set = (patch: Partial<MemberFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const classOptions = MEMBER_CLASSES.map((value) => ({ value, label: t(`club.classes.${value}`) }));

  const columns: TableColumnsType<Member> = [
    { key: 'cardNo', title: t('club.members.cardNo'), render: (_, m) => <span style={mono}>{m.cardNo}</span> },
    { key: 'name', title: t('club.members.name'), dataIndex: 'customerName' },
    { key: 'class', title: t('club.members.class'), render: (_, m) => t(`club.classes.${m.class}`) },
    {
      key: 'tier',
      title: t('club.members.tier'),
      render: (_, m) => (m.tier ? <Tag color="gold">{tierName(m.tier)}</Tag> : '—'),
    },
    {
      key: 'balance',
      title: t('club.members.balance'),
      align: 'end',
      render: (_, m) => <span data-testid={`club-member-balance-${m.cardNo}`}>{m.balance.toLocaleString()}</span>,
    },
    {
      key: 'lifetimePoints',
      title: t('club.members.lifetimePoints'),
      align: 'end',
      render: (_, m) => m.lifetimePoints.toLocaleString(),
    },
    { key: 'joinedAt', title: t('club.members.joinedAt'), render: (_, m) => <DateTime value={m.joinedAt} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('club.members.title')}
        extra={
          can('club.manage') ? (
            <Space>
              <Button
                loading={downloading}
                onClick={() => run(() => exportClubMembers(filter), t('club.members.exported'))}
                data-testid="club-members-export"
              >
                {t('club.members.export')}
              </Button>
              <Button onClick={() => setPanel('settings')} data-testid="club-settings">
                {t('club.settings.button')}
              </Button>
              <Badge count={pendingCount} overflowCount={19} size="small">
                <Button onClick={() => setPanel('approvals')} data-testid="club-approvals-open">
                  {t('club.approvals.button')}
                </Button>
              </Badge>
              <Button onClick={() => setImporting(true)} data-testid="club-import">
                {t('club.import.button')}
              </Button>
              <Button type="primary" onClick={() => setEnrolling(true)} data-testid="club-enrol">
                {t('club.enrol.button')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('club.members.searchHint')}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 320 }}
            data-testid="club-member-search"
          />
          <Select<MemberClass | undefined>
            allowClear
            placeholder={t('club.members.allClasses')}
            value={filter.class}
            onChange={(v) => set({ class: v })}
            options={classOptions}
            style={{ width: 180 }}
            data-testid="club-class-filter"
          />
          <Select<string | undefined>
            allowClear
            placeholder={t('club.members.allTiers')}
            value={filter.tier}
            onChange={(v) => set({ tier: v })}
            loading={tiers.isPending}
            options={(tiers.data ?? []).map((x) => ({ value: x.code, label: tierName(x) }))}
            style={{ width: 180 }}
            data-testid="club-tier-filter"
          />
          <InputNumber<number>
            min={0}
            precision={0}
            placeholder={t('club.members.minPoints')}
            value={filter.minPoints ?? null}
            onChange={(v) => set({ minPoints: v ?? undefined })}
            style={{ width: 140 }}
            data-testid="club-min-points"
          />
          <InputNumber<number>
            min={0}
            precision={0}
            placeholder={t('club.members.maxPoints')}
            value={filter.maxPoints ?? null}
            onChange={(v) => set({ maxPoints: v ?? undefined })}
            style={{ width: 140 }}
            data-testid="club-max-points"
          />
        </Flex>
        <CursorTable<Member>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={(m) => ({ ...rowProps(m), onClick: () => setOpenId(m.id) })}
          emptyText={t('club.members.empty')}
          loadMoreTestId="club-load-more"
        />
      </Card>
      <Suspense fallback={null}>
        {openId && <MemberDrawer id={openId} onClose={() => setOpenId(null)} />}
        {enrolling && <EnrolModal onClose={() => setEnrolling(false)} />}
        {importing && <ImportMembersModal onClose={() => setImporting(false)} />}
        {panel === 'approvals' && <ApprovalsDrawer onClose={() => setPanel(null)} />}
        {panel === 'settings' && <SettingsModal onClose={() => setPanel(null)} />}
      </Suspense>
    </>
  );
}
