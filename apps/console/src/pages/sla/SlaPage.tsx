import type { OrgUnit } from '@anju/contracts';
import { Alert, Card, Empty, Flex, Spin, Tabs, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { useOrgUnits } from '../../api/org';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { buildOrgTree, type OrgNode } from '../../lib/orgTree';
import { useCan } from '../../lib/permissions';
import { PoliciesTab } from './PoliciesTab';
import './slaWorkStrings';

// the page opens on the policies; the calendar and preview tabs (date pickers, forms) are fetched when opened
const CalendarTab = lazy(async () => ({ default: (await import('./CalendarTab')).CalendarTab }));
const PreviewTab = lazy(async () => ({ default: (await import('./PreviewTab')).PreviewTab }));

const TABS = ['policies', 'calendar', 'preview'] as const;
type Tab = (typeof TABS)[number];
const isCompany = (u: OrgUnit) => u.type === 'city_company';

/** The first city company in tree order (the caller's own when it is one). */
const firstCompany = (nodes: OrgNode[]): OrgUnit | undefined => {
  for (const n of nodes) {
    if (isCompany(n.unit)) return n.unit;
    const found = firstCompany(n.children);
    if (found) return found;
  }
  return undefined;
};

/** SLA administration of one city company: policies, business calendar and a deadline preview. */
export function SlaPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const canPick = can('org.read');
  const { data: units } = useOrgUnits({}, { enabled: canPick });
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'policies';

  const fallback = useMemo(() => {
    if (me?.orgUnit.type === 'city_company') return me.orgUnit.id;
    return units ? firstCompany(buildOrgTree(units.filter((u) => u.active)))?.id : undefined;
  }, [me, units]);
  const companyId = params.get('company') ?? fallback;

  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const picker = canPick ? (
    <OrgUnitTreeSelect
      value={companyId}
      onChange={(v) => update({ company: v })}
      selectable={isCompany}
      placeholder={t('sla.pickCompany')}
      style={{ minWidth: 240, maxWidth: '100%' }}
      testId="sla-company"
    />
  ) : null;

  return (
    <>
      <PageHeader
        title={t('sla.title')}
        extra={
          <Flex align="center" gap={8} wrap>
            <Typography.Text type="secondary">{t('sla.company')}</Typography.Text>
            {picker ?? <Typography.Text>{me?.orgUnit.name}</Typography.Text>}
          </Flex>
        }
      />
      {!canPick && !companyId && <Alert type="warning" showIcon title={t('sla.needOrgRead')} />}
      <Card>
        {companyId ? (
          <Tabs
            activeKey={tab}
            onChange={(key) => update({ tab: key })}
            destroyOnHidden
            items={[
              {
                key: 'policies',
                label: t('sla.tabs.policies'),
                children: <PoliciesTab key={companyId} companyId={companyId} />,
              },
              {
                key: 'calendar',
                label: t('sla.tabs.calendar'),
                children: (
                  <Suspense fallback={<Spin />}>
                    <CalendarTab key={companyId} companyId={companyId} />
                  </Suspense>
                ),
              },
              {
                key: 'preview',
                label: t('sla.tabs.preview'),
                children: (
                  <Suspense fallback={<Spin />}>
                    <PreviewTab key={companyId} companyId={companyId} />
                  </Suspense>
                ),
              },
            ]}
          />
        ) : (
          <Empty description={t('sla.pickCompany')} />
        )}
      </Card>
    </>
  );
}
