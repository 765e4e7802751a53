import type {
  AGE_GROUPS,
  CALLBACK_STATES,
  CLUB_EVENT_KINDS,
  CLUB_EVENT_STATUSES,
  REGISTRATION_STATUSES,
} from '@anju/contracts/club-events';

/** A label for every value of a contract's list: a value added there fails the typecheck here. */
type Labels<L extends readonly string[]> = Record<L[number], string>;

const kinds: Labels<typeof CLUB_EVENT_KINDS> = {
  lecture: '讲座',
  programme: '年龄段活动',
  brand: '品牌活动',
  open_day: '开放日',
  interaction: '物业互动活动',
};
const ageGroups: Labels<typeof AGE_GROUPS> = {
  children: '儿童（3–12 岁）',
  youth: '青少年（13–17 岁）',
  seniors: '长者（60 岁及以上）',
};
const statuses: Labels<typeof CLUB_EVENT_STATUSES> = { scheduled: '已发布', cancelled: '已取消' };
const registrationStatuses: Labels<typeof REGISTRATION_STATUSES> = {
  registered: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
};
const callbacks: Labels<typeof CALLBACK_STATES> = {
  none: '—',
  due: '待回访',
  pending: '回访中',
  answered: '已回访',
  closed: '回访结束',
};

/**
 * zh-CN messages of the club events pages. Not part of `zhCN`: the pages register them when their chunk loads
 * (pages/clubEvents/clubEventStrings.ts); `AllMessages` types them for `t`.
 */
export const zhCNClubEvents = {
  clubEvents: {
    title: '会员活动',
    create: '新建活动',
    edit: '编辑活动',
    kinds,
    ageGroups,
    statuses,
    registrationStatuses,
    callbacks,
    allKinds: '全部类型',
    allStatuses: '全部状态',
    empty: '暂无活动',
    name: '名称',
    kind: '类型',
    ageGroup: '年龄段',
    place: '所属项目或城市公司',
    openDayId: '关联工地开放日 ID',
    venue: '地点',
    description: '介绍',
    day: '日期',
    start: '开始',
    end: '结束',
    time: '时间',
    capacity: '名额',
    waitlist: '满员后允许候补',
    status: '状态',
    registered: '已报名',
    waitlisted: '候补',
    checkedIn: '已签到',
    callbacksAnswered: '已回访',
    invited: '已邀请',
    saved: '已保存',
    cancelEvent: '取消活动',
    cancelEventConfirm: '取消后不能再报名和签到，确定取消该活动？',
    registrations: '报名名单',
    customer: '客户',
    cardNo: '会员卡号',
    registeredAt: '报名时间',
    checkedInAt: '签到时间',
    callback: '回访',
    via: '渠道',
    viaPortal: '业主端',
    viaConsole: '工作台',
    register: '代客户报名',
    registerDone: '报名成功',
    registerWaitlisted: '名额已满，已进入候补',
    cancelRegistration: '取消报名',
    cancelRegistrationConfirm: '取消后名额将自动给第一位候补人，确定取消？',
    invite: '短信邀请会员',
    inviteHelp: '按会员类别、等级、项目筛选；仅发送给同意接收短信的会员，每位会员每个活动只邀请一次。',
    inviteDone: '已邀请 {{invited}} 位会员，跳过 {{skipped}} 位',
    memberClass: '会员类别',
    tier: '会员等级',
    project: '项目',
    attendanceHelp: '勾选签到表上未扫码签到的人员：',
    markAttendance: '标记 {{count}} 人已到场',
    attendanceDone: '已签到 {{checkedIn}} 人，{{awarded}} 位会员共获 {{points}} 积分',
    checkIn: '扫码签到',
    checkInTitle: '活动签到',
    code: '签到码',
    codePlaceholder: '输入或扫描签到码',
    scan: '用摄像头扫码',
    stopScan: '停止扫码',
    noCamera: '此浏览器不支持扫码，请手动输入签到码',
    checkInOk: '签到成功：{{name}}',
    checkInAgain: '已签到过：{{name}}（不重复积分）',
    submit: '签到',
  },
};
