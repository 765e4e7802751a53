import { KPI_DEFINITIONS, type KpiCode } from '@anju/contracts/analytics';
import { figureOf, meets } from './kpi-periods.js';

type Row = { kpi: string; scopeId: string; numerator: number; denominator: number; target: number | null };

/**
 * K19's score of each project over the rows of two months: the share of its KPIs with data (each pooled over the
 * months, judged against the project's target) that met the target.
 */
export function evaluationScores(rows: Row[], projectIds: string[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const id of projectIds) {
    const verdicts = Object.keys(KPI_DEFINITIONS)
      .filter((k) => k !== 'K19')
      .map((k) => {
        const mine = rows.filter((r) => r.scopeId === id && r.kpi === k);
        const n = mine.reduce((s, r) => s + r.numerator, 0);
        const d = mine.reduce((s, r) => s + r.denominator, 0);
        return meets(k as KpiCode, figureOf(k as KpiCode, n, d), mine[0]?.target ?? null);
      })
      .filter((v): v is boolean => v !== null);
    if (verdicts.length) scores.set(id, verdicts.filter(Boolean).length / verdicts.length);
  }
  return scores;
}

/** Ranks within each group (a project's region): 1 + the number of projects of the group scoring higher. */
export function ranksWithin(scores: Map<string, number>, groupOf: (projectId: string) => string) {
  const ranks = new Map<string, number>();
  for (const [id, score] of scores) {
    const higher = [...scores].filter(([other, s]) => other !== id && groupOf(other) === groupOf(id) && s > score);
    ranks.set(id, 1 + higher.length);
  }
  return ranks;
}
