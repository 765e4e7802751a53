import type { TRENDS } from '@anju/contracts/scorecards';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Flex, Select, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { lastMonth, monthShift } from '../analytics/kpiFormat';
import './scorecardStrings';

/* What the scorecard and design-feedback screens share: the period picker, figure formats, the trend mark. */

export type PeriodKind = 'month' | 'quarter' | 'year';
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

/** `2026-11` → month, `2026-Q4` → quarter, `2026` → year. */
export const periodKind = (period: string): PeriodKind =>
  period.includes('-Q') ? 'quarter' : period.length === 4 ? 'year' : 'month';

const quarterOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.ceil(m / 3)}`;
};

/** The quarter this month is in (Asia/Shanghai), `2026-Q4`: the dashboard panel's period. */
export const currentQuarter = (now: Date = new Date()) => quarterOf(monthShift(lastMonth(now), 1));

/** A period of the same span turned into another kind: the quarter or year a month is in, a quarter's last month. */
export function convertPeriod(period: string, to: PeriodKind): string {
  const from = periodKind(period);
  if (from === to) return period;
  const year = period.slice(0, 4);
  // a quarter or a year as a month: its last month, or last month when that is still ahead
  const asMonth = () => {
    const last = from === 'year' ? `${year}-12` : `${year}-${String(Number(period.slice(6)) * 3).padStart(2, '0')}`;
    return [last, lastMonth()].sort()[0] as string;
  };
  if (to === 'year') return year;
  if (to === 'quarter') return quarterOf(from === 'month' ? period : asMonth());
  return asMonth();
}

/** The choices of a kind, newest first: 36 months, 12 quarters or 6 years up to the present one. */
function periodOptions(kind: PeriodKind, label: (p: string) => string) {
  const now = monthShift(lastMonth(), 1);
  const out: string[] = [];
  if (kind === 'month') for (let i = 0; i < 36; i++) out.push(monthShift(now, -i));
  if (kind === 'quarter') for (let i = 0; i < 12; i++) out.push(quarterOf(monthShift(now, -3 * i)));
  if (kind === 'year') for (let i = 0; i < 6; i++) out.push(String(Number(now.slice(0, 4)) - i));
  return out.map((value) => ({ value, label: label(value) }));
}

/** A month, quarter or year: the kind, then one period of that kind (selects: no DatePicker in the page chunk). */
export function PeriodSelect({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (period: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const kind = periodKind(value);
  const label = usePeriodLabel();
  const options = useMemo(() => periodOptions(kind, label), [kind, label]);
  return (
    <Flex gap={4} role="group" aria-label={t('scorecards.period')}>
      <Select<PeriodKind>
        value={kind}
        onChange={(k) => onChange(convertPeriod(value, k))}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`scorecards.periodKinds.${k}`) }))}
        style={{ width: 90 }}
        aria-label={t('scorecards.period')}
        data-testid={`${testId}-kind`}
      />
      <Select<string>
        value={value}
        onChange={onChange}
        options={options}
        style={{ width: 170 }}
        aria-label={t('scorecards.period')}
        data-testid={testId}
      />
    </Flex>
  );
}

/** A period in words: `2026-11`, `2026 年第 4 季度`, `2026 年`. */
export function usePeriodLabel() {
  const { t } = useTranslation();
  return useMemo(
    () => (p: string) => {
      const kind = periodKind(p);
      if (kind === 'quarter') return t('scorecards.quarterLabel', { year: p.slice(0, 4), quarter: p.slice(6) });
      if (kind === 'year') return t('scorecards.yearLabel', { year: p });
      return p;
    },
    [t],
  );
}

/** "—" for no data (its words on hover and for screen readers, as an abbreviation). */
export function NoData() {
  const { t } = useTranslation();
  return (
    <abbr title={t('scorecards.noData')} style={{ textDecoration: 'none' }}>
      —
    </abbr>
  );
}

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** A share 0–1 as a percent with one decimal. */
export const Percent = ({ value }: { value: number | null | undefined }) =>
  isNumber(value) ? `${(value * 100).toFixed(1)}%` : <NoData />;

/** Hours or repairs per 100 units with one decimal. */
export const Decimal = ({ value }: { value: number | null | undefined }) =>
  isNumber(value) ? value.toFixed(1) : <NoData />;

const TREND_ICON = {
  better: <ArrowDownOutlined style={{ color: '#52c41a' }} />,
  worse: <ArrowUpOutlined style={{ color: '#ff4d4f' }} />,
  same: <MinusOutlined style={{ color: '#8c8c8c' }} />,
} as const;

/**
 * Repairs per 100 units against the previous period: down (green) is better, up (red) worse; the words are the
 * tooltip and the accessible name.
 */
export function TrendMark({
  trend,
  previous,
  testId,
}: {
  trend: (typeof TRENDS)[number] | null;
  previous?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const words = trend ? t(`scorecards.trends.${trend}`) : t('scorecards.trendNone');
  const title = previous ? `${words} · ${previous}` : words;
  return (
    <Tooltip title={title}>
      <span role="img" aria-label={title} data-testid={testId} data-trend={trend ?? 'none'}>
        {trend ? TREND_ICON[trend] : <NoData />}
      </span>
    </Tooltip>
  );
}
