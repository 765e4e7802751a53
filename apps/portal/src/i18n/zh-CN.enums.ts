import type {
  CONSENT_CHANNELS,
  FAMILY_RELATIONS,
  MY_REQUEST_EVENT_KINDS,
  NOTICE_CATEGORIES,
  PART_CATEGORIES,
  REQUEST_STAGES,
  ROOMS,
  TICKET_TYPES,
  WARRANTY_PERIOD_KINDS,
} from '@anju/contracts';
import type { JOURNEY_STEP_KINDS } from '@anju/contracts/journeys';

/** A label for every value of a contract's enum list: a value added there fails the typecheck here. */
type Labels<L extends readonly string[]> = Record<L[number], string>;

/**
 * Words for the contract's enums (owner-friendly, not the staff console's terms): the portal's one label table per
 * enum; lists of values come from `@anju/contracts`.
 */
export const zhCNEnums = {
  stage: {
    received: '已受理',
    inspecting: '上门查看中',
    assigning: '正在安排维修',
    in_progress: '处理中',
    on_hold: '暂缓处理',
    awaiting_confirmation: '待您确认',
    completed: '已完成',
    cancelled: '已取消',
  } satisfies Labels<typeof REQUEST_STAGES>,
  room: {
    living_room: '客厅',
    bedroom: '卧室',
    kitchen: '厨房',
    bathroom: '卫生间',
    balcony: '阳台',
    study: '书房',
    entrance: '玄关',
    common_area: '公共区域',
    exterior: '外立面',
    other: '其他',
  } satisfies Labels<typeof ROOMS>,
  ticketType: {
    complaint: '投诉',
    repair: '报修',
    consultation: '咨询',
    suggestion: '建议',
    praise: '表扬',
  } satisfies Labels<typeof TICKET_TYPES>,
  noticeCategory: {
    construction: '工程进度',
    design_change: '设计变更',
    open_day: '开放日',
    delivery: '交付',
    community: '社区活动',
    other: '其他',
  } satisfies Labels<typeof NOTICE_CATEGORIES>,
  relation: {
    spouse: '配偶',
    child: '子女',
    parent: '父母',
    sibling: '兄弟姐妹',
    other: '其他',
  } satisfies Labels<typeof FAMILY_RELATIONS>,
  partCategory: {
    roof_waterproofing: '屋面防水',
    bathroom_waterproofing: '卫生间防水',
    external_wall_waterproofing: '外墙防渗漏',
    heating: '供热系统',
    cooling: '供冷系统',
    electrical: '电气管线',
    plumbing: '给排水管道',
    equipment_installation: '设备安装',
    decoration: '装修工程',
    foundation_structure: '地基基础和主体结构',
  } satisfies Labels<typeof PART_CATEGORIES>,
  warrantyStatus: {
    in_warranty: '保修期内',
    expired: '已过保',
    unknown: '待核实',
  },
  warrantyRule: {
    years: '{{value}} 年',
    heating_seasons: '{{value}} 个采暖期',
    cooling_seasons: '{{value}} 个供冷期',
    design_life: '设计使用年限',
  } satisfies Labels<typeof WARRANTY_PERIOD_KINDS>,
  consentChannel: {
    sms: '短信',
    email: '电子邮件',
    wechat: '微信',
  } satisfies Labels<typeof CONSENT_CHANNELS>,
  /** Timeline entries, in the owner's words. */
  eventKind: {
    created: '您提交了报事',
    inspected: '工作人员已上门查看',
    dispatched: '已安排维修单位',
    processing: '开始处理',
    held: '暂缓处理',
    resumed: '恢复处理',
    closed: '处理完成，请您确认',
    reopened: '已重新处理',
    cancelled: '已取消',
    reply: '客服回复',
    rated: '您已评价',
    confirmed: '您已确认',
    other: '进度更新',
  } satisfies Record<(typeof MY_REQUEST_EVENT_KINDS)[number] | 'other', string>,
  /** How we get in touch at a journey step, in the owner's words. */
  journeyKind: {
    disclosure: '风险告知',
    call: '回访电话',
    notice: '通知',
    notice_call: '回访电话',
    home_visit: '上门拜访',
    site_visit: '参观',
    inspection: '质量检查',
    open_day: '开放日',
    survey: '满意度调查',
    project_task: '项目工作',
  } satisfies Labels<typeof JOURNEY_STEP_KINDS>,
};
