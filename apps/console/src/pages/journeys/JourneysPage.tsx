import type { OrgUnit } from '@anju/contracts';
import type { JourneyTemplate } from '@anju/contracts/journeys';
import { Alert, Card, Empty, Flex, Spin, Tag, Typography, theme } from 'antd';
import { type KeyboardEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { useJourneyTemplates } from '../../api/journeys';
import { useOrgUnits } from '../../api/org';
import { ErrorState } from '../../components/ErrorState';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { buildOrgTree, type OrgNode } from '../../lib/orgTree';
import { useCan } from '../../lib/permissions';
import { useInLanguage } from './journeyFields';
import './journeyStrings';
import { TemplateView } from './TemplateView';

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

interface CardProps {
  template: JourneyTemplate;
  selected: boolean;
  onSelect: () => void;
}

/** One template in the company's list: name, active, version and step count; a click (or Enter) shows it. */
function TemplateCard({ template, selected, onSelect }: CardProps) {
  const { t } = useTranslation();
  const text = useInLanguage();
  const { token } = theme.useToken();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onSelect();
  };
  return (
    <Card
      size="small"
      hoverable
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      onClick={onSelect}
      onKeyDown={onKeyDown}
      style={{ width: 260, borderColor: selected ? token.colorPrimary : undefined }}
      data-testid={`journey-template-${template.key}`}
    >
      <Flex vertical gap={6}>
        <Typography.Text strong>{text(template.name)}</Typography.Text>
        <Flex gap={4} wrap>
          <Tag color={template.active ? 'green' : 'default'}>
            {template.active ? t('journeys.active') : t('journeys.inactive')}
          </Tag>
          <Tag>{t('journeys.version', { version: template.version })}</Tag>
          <Tag>{t('journeys.stepCount', { count: template.steps.length })}</Tag>
        </Flex>
      </Flex>
    </Card>
  );
}

/** The company's templates, and the picked one with its steps and preview. */
function CompanyTemplates({
  companyId,
  templateId,
  onPick,
}: {
  companyId: string;
  templateId?: string;
  onPick: (id: string) => void;
}) {
  const { t } = useTranslation();
  const query = useJourneyTemplates(companyId);
  const templates = query.data ?? [];
  const current = templates.find((x) => x.id === templateId) ?? templates[0];

  if (query.isError && !query.data) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  if (query.isLoading) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }
  if (!current) return <Empty description={t('journeys.noTemplates')} />;
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap role="group" aria-label={t('journeys.templates')}>
        {templates.map((x) => (
          <TemplateCard key={x.id} template={x} selected={x.id === current.id} onSelect={() => onPick(x.id)} />
        ))}
      </Flex>
      <TemplateView key={current.id} template={current} onReload={() => void query.refetch()} />
    </Flex>
  );
}

/** Service journeys of one city company: its templates (6+2 steps, Pulte's 7), their steps and a date preview. */
export function JourneysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const canPick = can('org.read');
  const { data: units } = useOrgUnits({}, { enabled: canPick });

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
      onChange={(v) => update({ company: v, template: undefined })}
      selectable={isCompany}
      placeholder={t('journeys.pickCompany')}
      style={{ minWidth: 240, maxWidth: '100%' }}
      testId="journeys-company"
    />
  ) : null;

  return (
    <>
      <PageHeader
        title={t('journeys.title')}
        extra={
          <Flex align="center" gap={8} wrap>
            <Typography.Text type="secondary">{t('journeys.company')}</Typography.Text>
            {picker ?? <Typography.Text>{me?.orgUnit.name}</Typography.Text>}
          </Flex>
        }
      />
      {!canPick && !companyId && <Alert type="warning" showIcon title={t('journeys.needOrgRead')} />}
      <Card>
        {companyId ? (
          <CompanyTemplates
            key={companyId}
            companyId={companyId}
            templateId={params.get('template') ?? undefined}
            onPick={(id) => update({ template: id })}
          />
        ) : (
          <Empty description={t('journeys.pickCompany')} />
        )}
      </Card>
    </>
  );
}
