import { type PartCategory, STATUTORY_WARRANTY, type WARRANTY_PERIOD_KINDS } from '@anju/contracts';

export type WarrantyPeriod = { kind: (typeof WARRANTY_PERIOD_KINDS)[number]; value: number };
export type WarrantyAnswer = { status: 'in_warranty' | 'expired' | 'unknown'; expiresOn: string | null };

/** Heating season 15 Nov – 15 Mar and cooling season 1 Jun – 30 Sep (northern-China defaults). */
const SEASON_END = { heating_seasons: { month: 3, day: 15 }, cooling_seasons: { month: 9, day: 30 } } as const;

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Adds whole years; 29 February becomes 28 February in a non-leap year. */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return iso(target, m, m === 2 && d === 29 && !leap ? 28 : d);
}

/**
 * The last day of the Nth season counted from delivery; a season already running on the delivery day counts as
 * the first (the home is heated or cooled from day one).
 */
function seasonsEnd(deliveredOn: string, kind: 'heating_seasons' | 'cooling_seasons', n: number): string {
  const [y, m, d] = deliveredOn.split('-').map(Number) as [number, number, number];
  // The first season ends this year when delivery is on or before this year's season end, else next year.
  const end = SEASON_END[kind].month * 100 + SEASON_END[kind].day;
  const firstEndYear = m * 100 + d <= end ? y : y + 1;
  return iso(firstEndYear + n - 1, SEASON_END[kind].month, SEASON_END[kind].day);
}

export function warrantyExpiry(deliveredOn: string, period: WarrantyPeriod): string {
  switch (period.kind) {
    case 'years':
    case 'design_life':
      return addYears(deliveredOn, period.value);
    case 'heating_seasons':
    case 'cooling_seasons':
      return seasonsEnd(deliveredOn, period.kind, period.value);
  }
}

/** Is this part under warranty on day `on`? The expiry day itself is still covered. */
export function warrantyStatus(input: {
  deliveredOn: string | null;
  period: WarrantyPeriod;
  on: string;
}): WarrantyAnswer {
  if (!input.deliveredOn) return { status: 'unknown', expiresOn: null };
  const expiresOn = warrantyExpiry(input.deliveredOn, input.period);
  return { status: input.on <= expiresOn ? 'in_warranty' : 'expired', expiresOn };
}

/** Months a period lasts, to compare an override with the statutory minimum (a season counts as a year). */
export const periodMonths = (p: WarrantyPeriod) => p.value * 12;

export const statutoryFor = (category: PartCategory): WarrantyPeriod => STATUTORY_WARRANTY[category];
