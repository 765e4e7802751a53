import type { JourneyStep } from '@anju/contracts/journeys';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../sla/working-time.js';
import { DEFAULT_TEMPLATES } from './journey-defaults.js';
import { planJourney } from './journey-plan.js';

const [sixPlusTwo, pulte] = DEFAULT_TEMPLATES.map((t) => t.steps) as [JourneyStep[], JourneyStep[]];
const dates = (items: ReturnType<typeof planJourney>, key: string) =>
  items.filter((i) => i.stepKey === key).map((i) => i.dueDate ?? i.skipped);

describe('planning a household’s journey', () => {
  it('gives every 6+2 step its date by the rule, the progress report every 3 months before the planned delivery', () => {
    const items = planJourney(
      sixPlusTwo,
      {
        anchors: {
          firstVisit: '2026-01-10',
          contractSigned: '2026-01-31',
          plannedDelivery: '2026-12-20',
          handover: '2026-12-26',
          moveIn: '2027-03-31',
        },
        milestones: {},
      },
      DEFAULT_CALENDAR,
    );
    expect(dates(items, 'welcome')).toEqual(['2026-01-10']); // a Saturday: offset 0 keeps it
    expect(dates(items, 'contract_terms')).toEqual(['2026-02-03']);
    expect(dates(items, 'sales_callback')).toEqual(['2026-02-09']); // Saturday 7 Feb → Monday
    // +3, +6, +9 months: 30 Apr, 31 Jul, Saturday 31 Oct → Monday 2 Nov; +12 would be 1 Feb 2027, past the delivery
    expect(dates(items, 'progress_report')).toEqual(['2026-04-30', '2026-07-31', '2026-11-02']);
    expect(items.filter((i) => i.stepKey === 'progress_report').map((i) => i.occurrence)).toEqual([1, 2, 3]);
    expect(dates(items, 'open_day')).toEqual(['2026-10-21']);
    expect(dates(items, 'delivery_notice')).toEqual(['2026-11-20']);
    expect(dates(items, 'decoration_guide')).toEqual(['2026-12-26']);
    expect(dates(items, 'home_visit')).toEqual(['2027-06-30']);
    expect(dates(items, 'year_check')).toEqual(['2028-03-31']);
    expect(dates(items, 'four_year_plan')).toEqual(['anchor_missing']); // the batch is not delivered yet
  });

  it('uses the fallbacks until the better date is recorded, and says which anchor it used', () => {
    const items = planJourney(
      sixPlusTwo,
      {
        anchors: { contractSigned: '2025-05-06', plannedDelivery: '2025-06-30', actualDelivery: '2026-08-31' },
        milestones: {},
      },
      DEFAULT_CALENDAR,
    );
    const visit = items.find((i) => i.stepKey === 'home_visit');
    expect(visit).toMatchObject({ anchorUsed: 'actual_delivery', anchorDate: '2026-08-31', dueDate: '2026-11-30' });
    expect(items.find((i) => i.stepKey === 'decoration_guide')).toMatchObject({ anchorUsed: 'actual_delivery' });
    expect(items.find((i) => i.stepKey === 'welcome')).toMatchObject({ skipped: 'anchor_missing', dueDate: null });
    // signed 6 May, delivery planned 30 Jun: the first report (6 Aug) would come after it
    expect(dates(items, 'progress_report')).toEqual(['after_planned_delivery']);
    expect(dates(items, 'four_year_plan')).toEqual(['2030-09-02']); // 31 Aug 2030 is a Saturday → Monday
  });

  it('generates a milestone step only for households that signed on or before the milestone', () => {
    const plan = (contractSigned: string | undefined) =>
      planJourney(
        pulte,
        { anchors: { contractSigned }, milestones: { structureToppedOut: '2026-06-30' } },
        DEFAULT_CALENDAR,
      ).find((i) => i.stepKey === 'frame_visit');
    expect(plan('2026-06-30')).toMatchObject({ dueDate: '2026-06-30', skipped: null });
    expect(plan('2026-07-01')).toMatchObject({ dueDate: null, skipped: 'signed_after_milestone' });
    expect(plan(undefined)).toMatchObject({ skipped: 'signed_after_milestone' });
  });

  it('puts Pulte’s quality checks 3, 11, 23 and 35 months after the handover', () => {
    const items = planJourney(pulte, { anchors: { handover: '2026-11-30' }, milestones: {} }, DEFAULT_CALENDAR);
    expect(items.filter((i) => i.stepKey.startsWith('quality_check')).map((i) => i.dueDate)).toEqual([
      '2027-03-01', // 28 Feb 2027 is a Sunday
      '2027-11-01', // 30 Oct 2027 is a Saturday
      '2028-10-30',
      '2029-10-30',
    ]);
  });
});
