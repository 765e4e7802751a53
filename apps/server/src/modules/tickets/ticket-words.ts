import type { Language } from '../../platform/i18n.js';

type Words = Record<string, [zh: string, en: string]>;

/** Ticket codes in both languages, for the workbooks the server writes (the console has its own words on screen). */
export const TICKET_WORDS: Record<'type' | 'channel' | 'status' | 'cause', Words> = {
  type: {
    complaint: ['投诉', 'Complaint'],
    repair: ['报修', 'Repair'],
    consultation: ['咨询', 'Consultation'],
    suggestion: ['建议', 'Suggestion'],
    praise: ['表扬', 'Praise'],
  },
  channel: {
    hotline: ['热线', 'Hotline'],
    walk_in: ['来访', 'Walk-in'],
    portal: ['业主端', 'Portal'],
    handover: ['交房', 'Hand-over'],
    open_day: ['开放日', 'Open day'],
    inspection: ['巡检', 'Inspection'],
    online_forum: ['网络论坛', 'Online forum'],
    other: ['其他', 'Other'],
  },
  status: {
    inspection: ['待查验', 'Inspection'],
    dispatch: ['待派单', 'To dispatch'],
    dispatched: ['已派单', 'Dispatched'],
    processing: ['处理中', 'Processing'],
    closed: ['已关闭', 'Closed'],
    completed: ['已完成', 'Completed'],
    on_hold: ['挂起', 'On hold'],
    cancelled: ['已取消', 'Cancelled'],
  },
  cause: {
    sales_promise: ['销售承诺', 'Sales promise'],
    delivery_delay: ['延期交付', 'Delivery delay'],
    agency_promise: ['代理承诺', 'Agency promise'],
    property_management: ['物业管理', 'Property management'],
    amenities: ['配套设施', 'Amenities'],
    quality: ['质量', 'Quality'],
    other: ['其他', 'Other'],
  },
};

/** A ticket code's word in the reader's language (the code itself when it has none; — for none). */
export function ticketWord(lang: Language, group: keyof typeof TICKET_WORDS, code: string | null): string {
  if (code === null) return '—';
  const pair = TICKET_WORDS[group][code];
  return pair ? pair[lang === 'en-US' ? 1 : 0] : code;
}
