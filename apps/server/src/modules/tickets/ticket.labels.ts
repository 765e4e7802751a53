import type { PartCategory, SlaNode, TicketEventKind } from '@anju/contracts';

/**
 * Chinese words used in owners' SMS texts and in the Chinese copies of titles stored beside their codes (which
 * screens render in the reader's language from the console's and the portal's dictionaries).
 */
export const TYPE_ZH: Record<string, string> = {
  complaint: '投诉',
  repair: '报修',
  consultation: '咨询',
  suggestion: '建议',
  praise: '表扬',
};

export const EVENT_ZH: Record<TicketEventKind, string> = {
  created: '已受理',
  inspect: '已现场查验',
  dispatch: '已派单',
  startProcessing: '处理中',
  hold: '已挂起',
  resume: '已恢复',
  close: '已结单',
  reopen: '已重新打开',
  cancel: '已取消',
  note: '备注',
  photo: '照片',
  merged: '合并',
  follow_up: '跟进',
  warning: '时限预警',
  breach: '已超时',
  escalation: '已升级',
  callback: '回访',
  work_order: '派工单',
  confirmed: '业主确认',
  edit: '修改工单信息',
};

export const NODE_ZH: Record<SlaNode, string> = {
  reception: '受理',
  inspection: '现场查验',
  dispatch: '派单',
  first_response: '首次响应',
  processing: '处理',
  callback: '回访',
  work_order: '派工单',
};

/** The warranty part a defect category falls under (anything not listed: decoration, 2 years). */
const WARRANTY_PART: Record<string, PartCategory> = {
  leak: 'bathroom_waterproofing',
  crack: 'foundation_structure',
  hvac: 'heating',
  electrical: 'electrical',
  plumbing: 'plumbing',
};
export const warrantyPartOf = (categoryCode: string | null | undefined): PartCategory =>
  WARRANTY_PART[categoryCode ?? ''] ?? 'decoration';

export const ROOM_ZH: Record<string, string> = {
  living_room: '客厅',
  bedroom: '卧室',
  kitchen: '厨房',
  bathroom: '卫生间',
  balcony: '阳台',
  study: '书房',
  entrance: '玄关',
  common_area: '公共区域',
  exterior: '外立面',
  other: '',
};
