import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { AcceptancePanel } from './AcceptancePanel';
import './acceptanceStrings';
import { PropertyHandoverCard } from './PropertyHandoverCard';

/** The batch board's two further sections: simulated acceptance, and the hand-over to the property company. */
export function BoardExtras({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="board-extras">
      <Tabs
        items={[
          { key: 'acceptance', label: t('acceptance.tab'), children: <AcceptancePanel batchId={batchId} /> },
          {
            key: 'property-handover',
            label: t('propertyHandover.tab'),
            children: <PropertyHandoverCard batchId={batchId} />,
          },
        ]}
      />
    </Card>
  );
}
