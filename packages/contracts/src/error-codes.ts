/**
 * Every stable error code, its HTTP status and its message in both languages.
 * The one place codes map to HTTP; modules add their codes here.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '输入有误，请检查标出的字段',
    en: 'The input is invalid; check the fields listed',
  },
  BAD_REQUEST: { status: 400, zh: '请求格式错误', en: 'The request is malformed' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong user name or password' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '会话已过期，请重新登录', en: 'Your session has expired; sign in again' },
  AUTH_TOKEN_INVALID: {
    status: 401,
    zh: 'API 令牌无效、已过期或已撤销',
    en: 'The API token is invalid, expired or revoked',
  },
  AUTH_LOCKED: {
    status: 429,
    zh: '登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  AUTH_USER_DISABLED: { status: 403, zh: '该账号已停用', en: 'This account is disabled' },
  AUTH_WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    zh: '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and retry',
  },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  PERMISSION_ESCALATION: {
    status: 403,
    zh: '不能授予自己没有的权限',
    en: 'You cannot grant permissions you do not hold yourself',
  },
  OUT_OF_SCOPE: { status: 403, zh: '目标组织不在您的管辖范围内', en: 'That organisation is outside your scope' },
  NOT_FOUND: { status: 404, zh: '资源不存在', en: 'Not found' },
  ORG_UNIT_NOT_FOUND: { status: 404, zh: '组织节点不存在', en: 'Organisation unit not found' },
  USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'User not found' },
  ROLE_NOT_FOUND: { status: 404, zh: '角色不存在', en: 'Role not found' },
  API_TOKEN_NOT_FOUND: { status: 404, zh: 'API 令牌不存在', en: 'API token not found' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and retry',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'That user name is taken' },
  ORG_CODE_TAKEN: { status: 409, zh: '同级下已有相同编码的组织', en: 'A sibling unit already uses that code' },
  ROLE_KEY_TAKEN: { status: 409, zh: '角色标识已存在', en: 'That role key is taken' },
  ORG_PARENT_INVALID: {
    status: 422,
    zh: '该类型的组织不能放在所选上级下',
    en: 'A unit of this type cannot sit under the chosen parent',
  },
  ORG_HAS_ACTIVE_CHILDREN: {
    status: 422,
    zh: '请先停用下级组织和人员',
    en: 'Deactivate the child units and users first',
  },
  DEPARTMENT_INVALID: {
    status: 422,
    zh: '所选部门必须是该用户所在公司或集团下的部门',
    en: 'The department must be a department of the user’s company or the group',
  },
  BUILTIN_ROLE_PROTECTED: { status: 422, zh: '内置角色的标识不可修改', en: 'Built-in roles cannot be renamed' },
  CANNOT_DISABLE_SELF: { status: 422, zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  PROJECT_NOT_FOUND: { status: 404, zh: '项目不存在', en: 'Project not found' },
  BUILDING_NOT_FOUND: { status: 404, zh: '楼栋不存在', en: 'Building not found' },
  UNIT_NOT_FOUND: { status: 404, zh: '房号不存在', en: 'Unit not found' },
  DELIVERY_BATCH_NOT_FOUND: { status: 404, zh: '交付批次不存在', en: 'Delivery batch not found' },
  WARRANTY_BELOW_STATUTORY: {
    status: 422,
    zh: '保修期不得短于法定最低保修期',
    en: 'A warranty period may not be shorter than the statutory minimum',
  },
  CUSTOMER_NOT_FOUND: { status: 404, zh: '客户不存在', en: 'Customer not found' },
  CUSTOMER_MERGED: {
    status: 409,
    zh: '该客户已被合并到另一条记录',
    en: 'This customer was merged into another record',
  },
  CUSTOMER_ANONYMISED: {
    status: 409,
    zh: '该客户已匿名化，不能再修改',
    en: 'This customer was anonymised and cannot change',
  },
  MERGE_SAME_CUSTOMER: { status: 422, zh: '不能将客户与自身合并', en: 'A customer cannot be merged with itself' },
  ID_NUMBER_INVALID: {
    status: 400,
    zh: '身份证号码无效（位数或校验码错误）',
    en: 'Invalid resident ID number (length or GB 11643 check digit)',
  },
  RELATION_INVALID: { status: 422, zh: '关系无效', en: 'That relation is not allowed' },
  IMPORT_FILE_INVALID: {
    status: 400,
    zh: '无法读取文件，请使用 .xlsx 或 .csv 模板',
    en: 'The file cannot be read; use the .xlsx or .csv template',
  },
  IMPORT_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  IMPORT_JOB_NOT_FOUND: { status: 404, zh: '导入任务不存在', en: 'Import job not found' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '不支持的文件类型（照片支持 JPEG、PNG、WebP、HEIC，文档支持 PDF）',
    en: 'This file type is not allowed (photos: JPEG, PNG, WebP, HEIC; documents: PDF)',
  },
  FILE_TOO_LARGE: {
    status: 413,
    zh: '文件过大（照片不超过 10 MB，文档不超过 20 MB）',
    en: 'The file is too large (photos up to 10 MB, documents up to 20 MB)',
  },
  FILE_NOT_FOUND: { status: 404, zh: '文件不存在', en: 'File not found' },
  TICKET_NOT_FOUND: { status: 404, zh: '工单不存在', en: 'Ticket not found' },
  TICKET_TRANSITION_INVALID: {
    status: 409,
    zh: '工单当前状态不允许此操作',
    en: 'The ticket is not in a state that allows this action',
  },
  TICKET_CLOSE_BLOCKED: {
    status: 422,
    zh: '结单条件未满足（需填写原因分类，且所有派工单已确认完成）',
    en: 'The ticket cannot close yet (root cause required; every work order done and confirmed)',
  },
  WORK_ORDER_NOT_FOUND: { status: 404, zh: '派工单不存在', en: 'Work order not found' },
  WORK_ORDER_TRANSITION_INVALID: {
    status: 409,
    zh: '派工单当前状态不允许此操作',
    en: 'The work order is not in a state that allows this action',
  },
  CALLBACK_NOT_PENDING: { status: 409, zh: '该工单没有待回访任务', en: 'The ticket has no pending callback' },
  CALLBACK_TOKEN_INVALID: {
    status: 410,
    zh: '回访链接无效或已过期',
    en: 'The callback link is invalid, used or expired',
  },
  SLA_RULE_INVALID: { status: 422, zh: '时限规则无效', en: 'The SLA rule is invalid' },
  CALENDAR_INVALID: { status: 422, zh: '工作日历无效', en: 'The business calendar is invalid' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  NOT_READY: { status: 503, zh: '服务尚未就绪', en: 'The service is not ready' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal error; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
