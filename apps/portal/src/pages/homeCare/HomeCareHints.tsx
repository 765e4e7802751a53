import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHomeCare } from '../../api/homeCare';
import { HomeCareCard } from './HomeCareCard';

/**
 * On the repair form, before the owner submits: home care tips matching what they typed and picked (debounced), so
 * an owner may solve a small thing at once. Nothing shows without words or a category, or without a match.
 */
export function HomeCareHints({ words, category }: { words: string; category: string }) {
  const { t } = useTranslation();
  const [settled, setSettled] = useState({ words: '', category: '' });
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ words: words.trim(), category }), 600);
    return () => clearTimeout(timer);
  }, [words, category]);
  // the words when there are some, else the picked category
  const enabled = settled.words.length >= 2 || !!settled.category;
  const hints = useHomeCare(settled.words, settled.words ? '' : settled.category, { enabled, limit: 3 });
  const items = enabled ? (hints.data ?? []) : [];
  if (items.length === 0) return null;
  return (
    <div className="card-list" data-testid="home-care-hints">
      <p className="muted">{t('homeCare.hints')}</p>
      {items.map((a) => (
        <HomeCareCard key={a.id} article={a} />
      ))}
    </div>
  );
}
