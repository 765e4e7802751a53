import type { SlaNode, TicketType } from '@anju/contracts';
import { type ClockRule, DEFAULT_LADDER } from '../../sla/clock-times.js';

const WORKING_DAY = 8 * 60;
const rule = (limitMinutes: number, mode: ClockRule['mode'] = 'working'): ClockRule => ({
  limitMinutes,
  mode,
  warnPercent: 80,
  ladder: DEFAULT_LADDER,
});

/** Processing limits by ticket type, from practice (a company overrides them with policies). */
const PROCESSING: Record<TicketType, number> = {
  repair: 7 * WORKING_DAY,
  complaint: 5 * WORKING_DAY,
  consultation: 2 * WORKING_DAY,
  suggestion: 5 * WORKING_DAY,
  praise: 2 * WORKING_DAY,
};

export type TicketTraits = {
  type: TicketType;
  categoryUrgent: boolean;
  priority: string;
  major: boolean;
};

/**
 * The built-in limit of one node: reception recorded within half an hour, dispatch within 2 working hours,
 * first customer-visible progress within 1 working day, processing by type (urgent defects such as leaks and
 * urgent tickets 24 h round the clock), callback within 2 days of close.
 */
export function defaultRule(node: SlaNode, t: TicketTraits): ClockRule {
  const urgent = t.categoryUrgent || t.priority === 'urgent';
  switch (node) {
    case 'reception':
      return rule(30, 'calendar');
    case 'inspection':
      return urgent ? rule(4 * 60, 'calendar') : rule(WORKING_DAY);
    case 'dispatch':
      return t.major || urgent ? rule(60, 'calendar') : rule(120);
    case 'first_response':
      return urgent ? rule(4 * 60, 'calendar') : rule(WORKING_DAY);
    case 'processing':
      if (urgent) return rule(24 * 60, 'calendar');
      return rule(t.major ? 3 * WORKING_DAY : PROCESSING[t.type]);
    case 'callback':
      return rule(2 * 24 * 60, 'calendar');
    case 'work_order':
      return urgent ? rule(24 * 60, 'calendar') : rule(3 * WORKING_DAY);
  }
}
