import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * 1–5 stars as real radio buttons (keyboard and screen-reader friendly); each star is a 48 px label carrying
 * `data-testid="rating-score-<n>"`, the group `data-testid="rating-score"`.
 */
export function ScorePicker({
  value,
  onChange,
  legend,
}: {
  value: number | undefined;
  onChange: (score: number) => void;
  legend: string;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="score-picker" data-testid="rating-score" data-value={value ?? ''}>
      <legend className="visually-hidden">{legend}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label
          key={n}
          className={`score-star${value !== undefined && n <= value ? ' score-star-on' : ''}`}
          data-testid={`rating-score-${n}`}
        >
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            value={n}
            checked={value === n}
            onChange={() => onChange(n)}
            aria-label={t('request.scoreN', { n })}
          />
          <span aria-hidden>★</span>
        </label>
      ))}
    </fieldset>
  );
}

export function ScoreView({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <span className="score-view" role="img" aria-label={t('request.scoreN', { n: score })}>
      {'★'.repeat(score)}
      <span className="score-view-off">{'★'.repeat(Math.max(0, 5 - score))}</span>
    </span>
  );
}
