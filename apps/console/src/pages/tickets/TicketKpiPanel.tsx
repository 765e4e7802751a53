import type { Ticket } from '@anju/contracts';
import { Button, Descriptions } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgUnits } from '../../api/org';
import { useCan } from '../../lib/permissions';
import '../kpiDataStrings';

const KpiEditModal = lazy(async () => ({ default: (await import('./TicketKpiFields')).KpiEditModal }));

const hasKpiFields = (type: Ticket['type']) => type === 'repair' || type === 'complaint';

function OrgName({ id }: { id: string | null }) {
  const can = useCan();
  const { data } = useOrgUnits({}, { enabled: can('org.read') && Boolean(id) });
  if (!id) return <>—</>;
  return <>{data?.find((u) => u.id === id)?.name ?? id}</>;
}

/** The ticket's KPI fields with an edit dialog (tickets.manage); nothing for types without them. */
export function TicketKpiPanel({ ticket: k }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (!hasKpiFields(k.type)) return null;
  const yes = (v: boolean) => (v ? t('kpiData.yes') : '—');
  const items =
    k.type === 'complaint'
      ? [
          {
            key: 'cause',
            label: t('kpiData.complaintCause'),
            children: k.complaintCause ? t(`kpiData.causes.${k.complaintCause}`) : '—',
          },
        ]
      : [
          { key: 'leak', label: t('kpiData.leak'), children: yes(k.leak) },
          { key: 'drawing', label: t('kpiData.drawingMismatch'), children: yes(k.drawingMismatch) },
          { key: 'org', label: t('kpiData.responsibleOrg'), children: <OrgName id={k.responsibleOrgId} /> },
        ];
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={items}
        data-testid="ticket-kpi"
        extra={
          can('tickets.manage') && (
            <Button size="small" onClick={() => setOpen(true)} data-testid="ticket-kpi-edit">
              {t('kpiData.edit')}
            </Button>
          )
        }
      />
      {open && (
        <Suspense fallback={null}>
          <KpiEditModal ticket={k} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
