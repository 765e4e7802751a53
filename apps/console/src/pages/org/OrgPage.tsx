import type { OrgUnit } from '@anju/contracts';
import { Card, Col, Row, Skeleton } from 'antd';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgUnits } from '../../api/org';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { indexById } from '../../lib/orgTree';
import { useCan } from '../../lib/permissions';
import { OrgDetails } from './OrgDetails';
import { OrgTree } from './OrgTree';

// fetched when one opens
const AddChildModal = lazy(async () => ({ default: (await import('./AddChildModal')).AddChildModal }));
const EditOrgModal = lazy(async () => ({ default: (await import('./EditOrgModal')).EditOrgModal }));

type Dialog = { kind: 'add' | 'edit'; id: string } | null;

export function OrgPage() {
  const { t } = useTranslation();
  const can = useCan();
  const query = useOrgUnits({ includeInactive: true });
  const [selectedId, setSelectedId] = useState<string>();
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const units = query.data;
  const byId = useMemo(() => indexById(units ?? []), [units]);
  const selected = selectedId ? byId.get(selectedId) : undefined;
  const dialogUnit = dialog ? byId.get(dialog.id) : undefined;

  const onCreated = (unit: OrgUnit) => {
    setDialog(null);
    setSelectedId(unit.id);
    const parentId = unit.parentId;
    if (parentId) setExpanded((prev) => (prev && !prev.includes(parentId) ? [...prev, parentId] : prev));
  };

  let body: ReactNode;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (query.isError) {
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  } else {
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <OrgTree
              units={query.data}
              selectedId={selectedId}
              onSelect={setSelectedId}
              expanded={expanded}
              onExpandedChange={setExpanded}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <OrgDetails
            unit={selected}
            parent={selected?.parentId ? byId.get(selected.parentId) : undefined}
            canManage={can('org.manage')}
            onAddChild={() => selected && setDialog({ kind: 'add', id: selected.id })}
            onEdit={() => selected && setDialog({ kind: 'edit', id: selected.id })}
          />
        </Col>
      </Row>
    );
  }

  return (
    <>
      <PageHeader title={t('org.title')} />
      {body}
      <Suspense fallback={null}>
        {dialog?.kind === 'add' && dialogUnit && (
          <AddChildModal parent={dialogUnit} onClose={() => setDialog(null)} onCreated={onCreated} />
        )}
        {dialog?.kind === 'edit' && dialogUnit && <EditOrgModal unit={dialogUnit} onClose={() => setDialog(null)} />}
      </Suspense>
    </>
  );
}
