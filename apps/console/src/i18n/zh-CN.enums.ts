import type {
  CALLBACK_STATUSES,
  CONSENT_CHANNELS,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  OWNERSHIP_END_REASONS,
  SLA_NODES,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  WORK_ORDER_STATUSES,
} from '@anju/contracts';

/** A label for every value of a contract's enum list: a value added there fails the typecheck here. */
type Labels<L extends readonly string[]> = Record<L[number], string>;

const ticketType: Labels<typeof TICKET_TYPES> = {
  complaint: '投诉',
  repair: '报修',
  consultation: '咨询',
  suggestion: '建议',
  praise: '表扬',
};
const ticketStatus: Labels<typeof TICKET_STATUSES> = {
  inspection: '待查验',
  dispatch: '待派单',
  dispatched: '已派单',
  processing: '处理中',
  closed: '待回访',
  completed: '已完成',
  on_hold: '挂起',
  cancelled: '已取消',
};
const ticketChannel: Labels<typeof TICKET_CHANNELS> = {
  hotline: '热线',
  walk_in: '来访',
  portal: '业主端',
  handover: '交付',
  open_day: '开放日',
  inspection: '巡检',
  online_forum: '网络舆情',
  other: '其他',
};
const ticketPriority: Labels<typeof TICKET_PRIORITIES> = { low: '低', normal: '普通', high: '高', urgent: '紧急' };
const slaNode: Labels<typeof SLA_NODES> = {
  reception: '受理',
  inspection: '现场查验',
  dispatch: '派单',
  first_response: '首次响应',
  processing: '处理',
  callback: '回访',
  work_order: '派工单',
};
const workOrderStatus: Labels<typeof WORK_ORDER_STATUSES> = {
  open: '待接单',
  accepted: '已接单',
  in_progress: '处理中',
  done: '已完工',
  confirmed: '已确认',
  rejected: '已退回',
  cancelled: '已取消',
};
const callbackStatus: Labels<typeof CALLBACK_STATUSES> = {
  pending: '待回访',
  answered: '已回访',
  unanswered: '未接通',
  cancelled: '已取消',
};
const outboxStatus: Labels<typeof OUTBOX_STATUSES> = {
  queued: '排队中',
  sending: '发送中',
  sent: '已发送',
  failed: '失败',
  skipped: '已跳过',
};
const outboxChannel: Labels<typeof OUTBOX_CHANNELS> = { sms: '短信', email: '邮件' };
const consentChannel: Labels<typeof CONSENT_CHANNELS> = { sms: '短信', email: '邮件', wechat: '微信' };
const ownershipEndReason: Labels<typeof OWNERSHIP_END_REASONS> = {
  resold: '已转售',
  transferred: '产权转移（赠与、继承等）',
  contract_cancelled: '购房合同解除',
  entered_by_mistake: '录入有误',
};

/**
 * zh-CN labels of the server's enums (part of `zhCN`), one table per enum whatever screen shows it; keys are the
 * values of the lists in `@anju/contracts`. `lib/enumOptions.ts` turns them into select options.
 */
export const zhCNEnums = {
  enums: {
    ticketType,
    ticketStatus,
    ticketChannel,
    ticketPriority,
    slaNode,
    workOrderStatus,
    callbackStatus,
    outboxStatus,
    outboxChannel,
    consentChannel,
    ownershipEndReason,
  },
};
