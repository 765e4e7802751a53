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
  QUALITY_SUPPLIER_NOT_FOUND: {
    status: 404,
    zh: '供应商或承包商不存在，或不在您的范围内',
    en: 'Supplier or contractor not found in your scope',
  },
  QUALITY_LESSON_NOT_FOUND: { status: 404, zh: '经验教训不存在', en: 'Lesson not found' },
  QUALITY_LESSON_SOURCE_NOT_FOUND: {
    status: 404,
    zh: '来源专案或预警不存在',
    en: 'The group case or cluster it comes from does not exist',
  },
  QUALITY_LESSON_CASE_OPEN: {
    status: 409,
    zh: '专案结案后才能总结经验教训',
    en: 'A lesson is drawn from a group case once it is closed',
  },
  QUALITY_LESSON_ONE_SOURCE: { status: 400, zh: '只能选择一个来源', en: 'Choose one source: a case or a cluster' },
  QUALITY_LESSON_SOURCE_FIXED: {
    status: 400,
    zh: '经验教训的来源和所属单位不能修改',
    en: 'A lesson’s source and owning company cannot change',
  },
  QUALITY_LESSON_PROBLEM_REQUIRED: { status: 400, zh: '请填写问题描述', en: 'Describe the problem' },
  QUALITY_LESSON_NODE: {
    status: 400,
    zh: '经验教训属于城市公司或集团',
    en: 'A lesson belongs to a city company or the group',
  },
  QUALITY_LESSON_PROJECT_INVALID: {
    status: 400,
    zh: '适用项目必须是本公司的项目',
    en: 'The projects it applies to must be projects of its company',
  },
  QUALITY_LESSON_STATUS: {
    status: 409,
    zh: '转化状态只能向前推进（或否决）',
    en: 'The conversion status only moves forward (or to rejected)',
  },
} as const;
