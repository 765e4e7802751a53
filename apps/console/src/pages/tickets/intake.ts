import type {
  ROOMS,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TicketStatus,
  TicketSummary,
  TicketType,
} from '@anju/contracts';
import type { CreateTicketBody } from '../../api/tickets';
import { isMobile } from '../../lib/validation';
import { type KpiValues, kpiBody } from './kpiValues';

export interface IntakeValues extends KpiValues {
  /** Phone, last four digits, name, pinyin initials or unit code of the caller. */
  phone?: string;
  customerId?: string;
  /** `''`: the caller has no home here (or it is not about one); then `orgUnitId` is asked for. */
  unitId?: string;
  orgUnitId?: string;
  type: TicketType;
  channel: (typeof TICKET_CHANNELS)[number];
  categoryCode?: string;
  room?: (typeof ROOMS)[number];
  title: string;
  description?: string;
  priority: (typeof TICKET_PRIORITIES)[number];
  major: boolean;
}

/** Types for which the place in the home matters. */
export const hasRoom = (type: TicketType | undefined) => type === 'repair' || type === 'complaint';

/** `+86 138-0013-8000` → `13800138000`; anything that is not a full mobile number gives undefined. */
export const mobileOf = (text: string | undefined): string | undefined => {
  if (!text || !isMobile(text)) return undefined;
  return text.replace(/[\s-]/g, '').replace(/^\+?86/, '');
};

export function intakeBody(v: IntakeValues): CreateTicketBody {
  const unitId = v.customerId && v.unitId ? v.unitId : undefined;
  return {
    type: v.type,
    channel: v.channel,
    priority: v.priority,
    major: v.major,
    title: v.title.trim(),
    description: v.description?.trim() ?? '',
    customerId: v.customerId || undefined,
    contactPhone: mobileOf(v.phone),
    unitId,
    orgUnitId: unitId ? undefined : v.orgUnitId,
    categoryCode: v.type === 'repair' ? v.categoryCode : undefined,
    room: hasRoom(v.type) ? v.room : undefined,
    ...kpiBody(v.type, v),
  };
}

/** Still being worked on: a closed ticket awaits only its callback. */
const STILL_OPEN: TicketStatus[] = ['inspection', 'dispatch', 'dispatched', 'processing', 'on_hold'];

/**
 * The home's open tickets about the same problem as the call being taken: a repair of the same defect category,
 * otherwise the same type (a second complaint about the same home).
 */
export function sameProblem(
  tickets: TicketSummary[],
  v: { type?: TicketType; categoryCode?: string },
): TicketSummary[] {
  if (!v.type || (v.type === 'repair' && !v.categoryCode)) return [];
  return tickets.filter(
    (t) =>
      STILL_OPEN.includes(t.status) && t.type === v.type && (v.type !== 'repair' || t.categoryCode === v.categoryCode),
  );
}

/** What the caller said, added to an open ticket instead of opening another. */
export const callerWords = (v: Pick<IntakeValues, 'title' | 'description'>) =>
  [v.title?.trim(), v.description?.trim()].filter(Boolean).join('\n');
