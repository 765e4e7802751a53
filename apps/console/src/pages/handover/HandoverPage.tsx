import { Button, Card, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useDeliveryBatches } from '../../api/property';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import './handoverStrings';

/** The handover day's entry from the menu: pick a project and one of its delivery batches, open its board. */
export function HandoverPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [projectId, setProjectId] = useState<string>();
  const [batchId, setBatchId] = useState<string>();
  const batches = useDeliveryBatches(projectId ?? '');
  return (
    <>
      <PageHeader title={t('handover.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('handover.pickBatch')}</Typography.Paragraph>
        <Flex gap={12} wrap>
          <ProjectFilter
            value={projectId}
            onChange={(v) => {
              setProjectId(v);
              setBatchId(undefined);
            }}
            placeholder={t('handover.project')}
            style={{ minWidth: 240 }}
            testId="handover-project"
          />
          <Select<string>
            value={batchId}
            onChange={setBatchId}
            disabled={!projectId}
            loading={batches.isFetching}
            placeholder={t('handover.batch')}
            style={{ minWidth: 200 }}
            options={(projectId ? (batches.data?.items ?? []) : []).map((b) => ({
              value: b.id,
              label: `${b.name}${b.actualDate ? ` · ${b.actualDate}` : b.plannedDate ? ` · ${b.plannedDate}` : ''}`,
            }))}
            data-testid="handover-batch"
          />
          <Button
            type="primary"
            disabled={!batchId}
            onClick={() => navigate(`/handover/batches/${batchId}`)}
            data-testid="handover-open"
          >
            {t('handover.openBoard')}
          </Button>
        </Flex>
      </Card>
    </>
  );
}
