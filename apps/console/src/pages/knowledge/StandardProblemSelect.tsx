import type { KnowledgeHit } from '@anju/contracts/knowledge';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKnowledgeSuggestions } from '../../api/knowledge';
import { useDebounced } from './useDebounced';
import './knowledgeStrings';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The ticket's words and category: what is suggested before the closer types. */
  ticket: { title: string; description: string; categoryCode: string | null };
  /** The picked article (its primary cause fills the root cause). */
  onPick?: (hit: KnowledgeHit | undefined) => void;
}

/** Closing a repair: pick the standard problem it was, from suggestions for the ticket or by typing words. */
export function StandardProblemSelect({ id, value, onChange, ticket, onPick }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const words = useDebounced(typed, 300);
  const query = useKnowledgeSuggestions({
    title: words || ticket.title,
    description: words ? '' : ticket.description,
    category: ticket.categoryCode ?? undefined,
    limit: 10,
  });
  const hits = query.data ?? [];
  return (
    <Select<string>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      loading={query.isFetching}
      placeholder={t('knowledge.pick')}
      options={hits.map((h) => ({ value: h.id, label: `${h.number} · ${h.title}` }))}
      onChange={(v) => {
        onChange?.(v ?? undefined);
        onPick?.(hits.find((h) => h.id === v));
      }}
      data-testid="action-standard-problem"
    />
  );
}
