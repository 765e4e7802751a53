import type { DepartmentKind, OrgUnitType } from '@anju/contracts';
import type { zhCNAcceptance } from './zh-CN.acceptance';
import type { zhCNAdmin } from './zh-CN.admin';
import type { zhCNAnalytics } from './zh-CN.analytics';
import type { zhCNClub } from './zh-CN.club';
import type { zhCNClubEvents } from './zh-CN.clubEvents';
import type { zhCNClubPartners } from './zh-CN.clubPartners';
import { zhCNCodes } from './zh-CN.codes';
import type { zhCNCustomers } from './zh-CN.customers';
import type { zhCNDisclosure } from './zh-CN.disclosure';
import { zhCNEnums } from './zh-CN.enums';
import type { zhCNHandover } from './zh-CN.handover';
import type { zhCNIntake } from './zh-CN.intake';
import type { zhCNJourneys } from './zh-CN.journeys';
import type { zhCNKnowledge } from './zh-CN.knowledge';
import type { zhCNKpiCatalogue } from './zh-CN.kpiCatalogue';
import type { zhCNKpiData } from './zh-CN.kpiData';
import { zhCNNotices } from './zh-CN.notices';
import type { zhCNOpenDays } from './zh-CN.openDays';
import type { zhCNOperations } from './zh-CN.operations';
import type { zhCNPermissions } from './zh-CN.permissions';
import type { zhCNProperty } from './zh-CN.property';
import type { zhCNQuality } from './zh-CN.quality';
import type { zhCNReports } from './zh-CN.reports';
import type { zhCNScorecards } from './zh-CN.scorecards';
import type { zhCNService } from './zh-CN.service';
import type { zhCNServices } from './zh-CN.services';
import type { zhCNSlaWork } from './zh-CN.slaWork';
import type { zhCNSurveys } from './zh-CN.surveys';

/**
 * The reference message set. `en-US.ts` is typed as `Messages`, so a key missing from (or extra in)
 * the English file fails the typecheck.
 */
export const zhCN = {
  app: { name: '安居 CRM', console: '员工工作台' },
  common: {
    ok: '确定',
    cancel: '取消',
    save: '保存',
    create: '新建',
    edit: '编辑',
    retry: '重试',
    loadMore: '加载更多',
    noMore: '没有更多了',
    search: '搜索',
    reset: '重置',
    yes: '是',
    no: '否',
    actions: '操作',
    copy: '复制',
    copied: '已复制',
    copyFailed: '复制失败，请手动选择复制',
    close: '关闭',
    saved: '已保存',
    created: '已创建',
    none: '—',
    loaded: '已加载 {{count}} 条',
    loadedOf: '已加载 {{count}} 条，共 {{total}} 条',
    errorTitle: '加载失败',
    networkError: '无法连接服务器，请检查网络后重试',
    notFoundTitle: '页面不存在',
    notFoundDesc: '您访问的页面不存在或已被移除。',
    forbiddenTitle: '无权访问',
    forbiddenDesc: '您的角色没有访问此页面的权限。',
    backHome: '返回首页',
  },
  validation: {
    required: '此项为必填项',
    passwordRule: '至少 10 位，且同时包含字母和数字',
    passwordMismatch: '两次输入的密码不一致',
    usernameRule: '3–32 位小写字母、数字或 . _ -，以字母开头',
    codeRule: '1–32 位字母、数字、- 或 _',
    roleKeyRule: '3–40 位小写字母、数字或 _，以字母开头',
    email: '请输入有效的电子邮箱',
    phone: '请输入 11 位手机号码（13–19 开头）',
    maxLength: '最多 {{max}} 个字符',
    permissionsRequired: '请至少选择一项权限',
  },
  lang: { label: '语言', zh: '中文', en: 'English' },
  menu: {
    propertyVisits: '物业走访',
    workOrders: '我的派工单',
    sla: 'SLA 时限',
    journeys: '服务旅程',
    journeyTasks: '旅程任务',
    disclosure: '风险公示',
    acceptance: '模拟验收整改',
    handover: '集中交付',
    openDays: '工地开放日',
    outbox: '消息发件箱',
    club: '会员管理',
    clubEvents: '会员活动',
    clubPartners: '合作商户',
    clubVouchers: '权益券',
    clubMagazine: '会刊',
    partnerHome: '商户核销',
    services: '增值服务目录',
    serviceRequests: '服务预约',
    knowledge: '标准问题库',
    clusters: '群诉预警',
    groupCases: '群诉专案',
    lessons: '经验教训',
    scorecards: '供方评分卡',
    designFeedback: '设计反馈',
    eventDeliveries: '事件投递',
    home: '首页',
    org: '组织架构',
    users: '用户管理',
    roles: '角色权限',
    tokens: 'API 令牌',
    audit: '审计日志',
    profile: '个人中心',
    imports: '数据导入',
    tickets: '工单',
    ticketNew: '热线受理',
    customers: '客户',
    projects: '项目房源',
    notices: '公告',
    kpis: '指标看板',
    complaintReport: '投诉月报',
    awards: '质量奖项',
    surveyDashboard: '满意度看板',
    historyImport: '历史导入',
    surveys: '问卷管理',
    surveyCalls: '电话回访',
    surveyResponses: '回访结果',
  },
  header: { logout: '退出登录', logoutFailed: '退出失败，请重试', menu: '菜单' },
  login: {
    title: '登录安居 CRM',
    subtitle: '地产客户关系管理 · 员工工作台',
    username: '用户名',
    password: '密码',
    submit: '登录',
  },
  home: {
    welcome: '欢迎回来，{{name}}',
    orgUnit: '所属组织',
    roles: '角色',
    permissions: '权限数',
    username: '用户名',
  },
  orgType: {
    group: '集团',
    region: '区域',
    city_company: '城市公司',
    project: '项目',
    department: '部门',
    contractor: '施工单位/供应商',
  } satisfies Record<OrgUnitType, string>,
  departmentKind: {
    customer_relations: '客户关系',
    engineering: '工程',
    design: '设计',
    project_management: '项目管理',
    project_affairs: '项目事务',
    marketing_sales: '营销',
    procurement: '采购',
    property_company: '物业公司',
  } satisfies Record<DepartmentKind, string>,
  org: {
    title: '组织架构',
    searchPlaceholder: '按名称搜索',
    addChild: '新增下级',
    edit: '编辑',
    addChildTitle: '在「{{parent}}」下新增组织',
    editTitle: '编辑「{{name}}」',
    type: '类型',
    departmentKind: '部门类别',
    name: '名称',
    code: '编码',
    active: '启用',
    inactive: '已停用',
    parent: '上级',
    createdAt: '创建时间',
    updatedAt: '更新时间',
    details: '节点详情',
    selectHint: '在左侧选择一个组织节点',
    noAllowedTypes: '该类型的节点下不能再新增下级',
    empty: '暂无组织',
    noMatch: '没有名称匹配的组织',
    conflictReloaded: '已重新加载最新数据，请核对后再保存',
  },
  users: {
    title: '用户管理',
    create: '新建用户',
    searchPlaceholder: '用户名或姓名',
    filterOrgUnit: '所属组织',
    filterRole: '角色',
    filterStatus: '状态',
    username: '用户名',
    displayName: '姓名',
    orgUnit: '所属组织',
    department: '部门',
    roles: '角色',
    status: '状态',
    lockedUntil: '锁定至',
    lastLogin: '最近登录',
    email: '电子邮箱',
    phone: '手机号',
    password: '初始密码',
    newPassword: '重置密码',
    newPasswordHelp: '留空则不修改；设置后该用户的所有会话将被终止',
    statusActive: '正常',
    statusDisabled: '已停用',
    locked: '已锁定',
    unlock: '解除锁定',
    unlocked: '已解除锁定',
    createTitle: '新建用户',
    editTitle: '编辑用户 {{username}}',
    empty: '没有符合条件的用户',
    departmentHint: '仅列出所属组织及其上级下的部门',
    phoneKeep: '当前 {{masked}}，留空则不修改',
  },
  roles: {
    title: '角色权限',
    create: '新建角色',
    key: '角色标识',
    nameZh: '中文名称',
    nameEn: '英文名称',
    name: '名称',
    builtin: '内置',
    custom: '自定义',
    permissions: '权限',
    editPermissions: '编辑权限',
    createTitle: '新建角色',
    editTitle: '编辑角色「{{name}}」',
    empty: '暂无角色',
    selectAll: '全选',
    noPermissions: '无权限',
  },
  audit: {
    title: '审计日志',
    at: '时间',
    actor: '操作人',
    action: '操作',
    entityType: '对象类型',
    entityId: '对象 ID',
    ip: 'IP',
    requestId: '请求 ID',
    dateRange: '时间范围',
    before: '修改前',
    after: '修改后',
    reason: '原因',
    noReason: '未填写原因',
    system: '系统',
    owner: '业主',
    anonymous: '匿名访问',
    empty: '没有符合条件的审计记录',
  },
  profile: {
    title: '个人中心',
    info: '我的信息',
    username: '用户名',
    displayName: '姓名',
    orgUnit: '所属组织',
    roles: '角色',
    permissions: '权限',
    changePassword: '修改密码',
    currentPassword: '当前密码',
    newPassword: '新密码',
    confirmPassword: '确认新密码',
    submit: '修改密码',
    changed: '密码已修改，您在其他设备上的登录已被注销',
  },
  notifications: {
    title: '通知',
    unread: '{{count}} 条未读',
    markAllRead: '全部标为已读',
    markRead: '标为已读',
    empty: '暂无通知',
  },
  ...zhCNNotices,
  ...zhCNCodes,
  ...zhCNEnums,
};

/** The message set bundled for the first screen (what `zhCN` and `enUS` hold). */
export type Messages = typeof zhCN;

/**
 * Every key `t` knows: the first-screen set plus the sets a page registers when its chunk loads (the journeys pages
 * add `journeys` through pages/journeys/journeyStrings.ts). Type-only: those strings stay out of the first screen.
 */
export type AllMessages = Messages &
  typeof zhCNCustomers &
  typeof zhCNService &
  typeof zhCNIntake &
  typeof zhCNJourneys &
  typeof zhCNHandover &
  typeof zhCNOpenDays &
  typeof zhCNDisclosure &
  typeof zhCNAcceptance &
  typeof zhCNOperations &
  typeof zhCNAdmin &
  typeof zhCNKpiData &
  typeof zhCNAnalytics &
  typeof zhCNKpiCatalogue &
  typeof zhCNSlaWork &
  typeof zhCNSurveys &
  typeof zhCNProperty &
  typeof zhCNReports &
  typeof zhCNClub &
  typeof zhCNClubEvents &
  typeof zhCNClubPartners &
  typeof zhCNServices &
  typeof zhCNQuality &
  typeof zhCNScorecards &
  typeof zhCNPermissions &
  typeof zhCNKnowledge;
