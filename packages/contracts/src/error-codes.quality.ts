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
} as const;
