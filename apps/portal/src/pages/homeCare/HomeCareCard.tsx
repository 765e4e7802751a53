import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeCareArticle } from '../../api/homeCare';

/** One home care article: the title and what you may see; what to do and day-to-day care when opened. */
export function HomeCareCard({ article, open: startOpen = false }: { article: HomeCareArticle; open?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(startOpen);
  return (
    <section className="card open-day" data-testid="home-care-card">
      <button
        type="button"
        className="home-card-title"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        style={{ background: 'none', border: 0, padding: 0, textAlign: 'left', width: '100%' }}
      >
        {article.title}
      </button>
      {article.symptom && <p className="muted">{article.symptom}</p>}
      {open && (
        <>
          {article.fix && (
            <p>
              <strong>{t('homeCare.fix')}：</strong>
              {article.fix}
            </p>
          )}
          {article.prevention && (
            <p>
              <strong>{t('homeCare.prevention')}：</strong>
              {article.prevention}
            </p>
          )}
        </>
      )}
      <button
        type="button"
        className="muted"
        onClick={() => setOpen((o) => !o)}
        style={{ background: 'none', border: 0, padding: 0 }}
      >
        {open ? t('homeCare.less') : t('homeCare.more')}
      </button>
    </section>
  );
}
