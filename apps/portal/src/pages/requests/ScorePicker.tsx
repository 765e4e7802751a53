import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * 1–5 stars as real radio buttons (keyboard and screen-reader friendly); each star is a 48 px label carrying
 * `data-testid="<testId>-<n>"`, the group `data-testid="<testId>"` (`rating-score` unless told).
 */
export function ScorePicker({
  value,
  onChange,
  legend,
  testId = 'rating-score',
  starLabel,
  className,
}: {
  value: number | undefined;
  onChange: (score: number) => void;
  legend: string;
  testId?: string;
  /** Each star's accessible name (the request pages' words unless told). */
  starLabel?: (n: number) => string;
  className?: string;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset
      className={className ? `score-picker ${className}` : 'score-picker'}
      data-testid={testId}
      data-value={value ?? ''}
    >
      <legend className="visually-hidden">{legend}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label
          key={n}
          className={`score-star${value !== undefined && n <= value ? ' score-star-on' : ''}`}
          data-testid={`${testId}-${n}`}
        >
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            value={n}
            checked={value === n}
            onChange={() => onChange(n)}
            aria-label={starLabel ? starLabel(n) : t('request.scoreN', { n })}
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
