import { BulbOutlined } from '@ant-design/icons';
import { Button, Card, List, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKnowledgeSuggestions } from '../../api/knowledge';
import { useCan } from '../../lib/permissions';
import { useDebounced } from './useDebounced';
import './knowledgeStrings';

const KnowledgeDrawer = lazy(async () => ({ default: (await import('./KnowledgeDrawer')).KnowledgeDrawer }));

interface Props {
  title?: string;
  description?: string;
  category?: string;
}

/**
 * At intake: the published standard problems matching what the agent is typing (debounced), each opening the
 * article beside the form. Nothing shows until there are words or a category.
 */
export function KnowledgeSuggestions({ title, description, category }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<string | null>(null);
  const typed = useDebounced(
    { title: title ?? '', description: description ?? '', category: category || undefined },
    400,
  );
  const suggestions = useKnowledgeSuggestions(typed, can('knowledge.read'));
  const items = suggestions.data ?? [];
  if (!can('knowledge.read') || items.length === 0) return null;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <span>
          <BulbOutlined /> {t('knowledge.suggestions')}
        </span>
      }
      data-testid="knowledge-suggestions"
    >
      <Typography.Text type="secondary">{t('knowledge.suggestionsHint')}</Typography.Text>
      <List
        size="small"
        dataSource={items}
        renderItem={(a) => (
          <List.Item>
            <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => setOpen(a.id)}>
              {a.title}
            </Button>
            {a.primaryCause && <Tag>{t(`tickets.rootCauses.${a.primaryCause}`)}</Tag>}
          </List.Item>
        )}
      />
      {open && (
        <Suspense fallback={null}>
          <KnowledgeDrawer id={open} onClose={() => setOpen(null)} onSaved={setOpen} />
        </Suspense>
      )}
    </Card>
  );
}
