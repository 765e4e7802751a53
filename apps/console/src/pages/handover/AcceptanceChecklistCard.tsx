import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAcceptanceChecklist } from '../../api/acceptance';

/**
 * The items this batch's simulated acceptance must check besides the handover checklist — accepted lessons learned
 * of its company or group (computed when read). Nothing shows when there are none.
 */
export function AcceptanceChecklistCard({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const query = useAcceptanceChecklist(batchId);
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('acceptance.checklist.title')} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('acceptance.checklist.hint')}</Typography.Paragraph>
      <List
        size="small"
        dataSource={items}
        rowKey={(i) => `${i.source}:${i.refId}`}
        data-testid="acceptance-checklist"
        renderItem={(i) => (
          <List.Item>
            <List.Item.Meta
              title={
                <>
                  {i.tag && <Tag>{t(`acceptance.checklist.tags.${i.tag}`, { defaultValue: i.tag })}</Tag>}
                  {i.title}
                </>
              }
              description={i.detail}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
