/** The quality module's error codes: clusters and their rules (part of ERROR_CODES, error-codes.ts). */
export const QUALITY_ERROR_CODES = {
  QUALITY_RULE_NODE: {
    status: 400,
    zh: '预警规则只能设在城市公司或集团',
    en: 'A cluster rule belongs to a city company or the group',
  },
  QUALITY_RULE_INVALID: {
    status: 400,
    zh: '预警规则不合理：户数不能多于工单数',
    en: 'The cluster rule does not hold: households cannot exceed tickets',
  },
  QUALITY_CLUSTER_NOT_FOUND: { status: 404, zh: '群诉预警不存在', en: 'Cluster not found' },
  QUALITY_CLUSTER_HAS_CASE: { status: 409, zh: '该预警已立专案', en: 'This cluster already has a group case' },
  QUALITY_CASE_NOT_FOUND: { status: 404, zh: '群诉专案不存在', en: 'Group case not found' },
  QUALITY_CASE_PLACE_REQUIRED: {
    status: 400,
    zh: '请从预警立案，或选择项目',
    en: 'Open the case from a cluster, or choose its project',
  },
  QUALITY_CASE_OWNER_INVALID: {
    status: 400,
    zh: '专案负责人必须是在职员工',
    en: 'The case owner must be an active member of staff',
  },
  QUALITY_CASE_CLOSED: { status: 409, zh: '专案已结案', en: 'This case is closed' },
  QUALITY_CASE_OWNER_ONLY: { status: 403, zh: '只有专案负责人可以同意结单', en: 'Only the case owner can consent' },
  QUALITY_CASE_TASK_NOT_FOUND: {
    status: 404,
    zh: '任务不存在或已完成',
    en: 'The task does not exist or is already done',
  },
  QUALITY_CASE_CONSENT_REQUIRED: {
    status: 409,
    zh: '该工单属于群诉专案，需专案负责人同意后才能结单',
    en: 'This ticket belongs to a group case: it closes only with the case owner’s consent',
  },
} as const;
