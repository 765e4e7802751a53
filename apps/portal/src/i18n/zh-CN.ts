import { zhCNBenefits } from './zh-CN.benefits';
import { zhCNClub } from './zh-CN.club';
import { zhCNDisclosure } from './zh-CN.disclosure';
import { zhCNEnums } from './zh-CN.enums';
import { zhCNEvents } from './zh-CN.events';
import { zhCNHandover } from './zh-CN.handover';
import { zhCNHome } from './zh-CN.home';
import { zhCNHomeCare } from './zh-CN.homeCare';
import { zhCNJourney } from './zh-CN.journey';
import { zhCNOpenDays } from './zh-CN.openDays';
import { zhCNRequests } from './zh-CN.requests';
import { zhCNServices } from './zh-CN.services';
import { zhCNSurveys } from './zh-CN.surveys';

/** The default language; en-US is typed as this shape, so a missing or extra key fails the typecheck. */
export const zhCN = {
  app: { name: '安居业主' },
  common: {
    retry: '重试',
    loading: '加载中…',
    loadMore: '加载更多',
    noMore: '没有更多了',
    loadFailed: '加载失败',
    errorTitle: '出错了',
    networkError: '网络不给力，请检查网络后重试',
    ok: '确定',
    cancel: '取消',
    back: '返回',
    submit: '提交',
    none: '—',
    colon: '：',
    withNote: '{{text}}（{{note}}）',
    notFound: '页面不存在',
    goHome: '回到首页',
  },
  tabs: { home: '首页', report: '报事', requests: '我的请求', notices: '公告', me: '我的' },
  login: {
    title: '业主登录',
    subtitle: '用购房时登记的手机号登录',
    phone: '手机号',
    phonePlaceholder: '请输入手机号',
    phoneRequired: '请输入手机号',
    phoneInvalid: '请输入正确的 11 位手机号',
    getCode: '获取验证码',
    resendIn: '{{seconds}} 秒后重发',
    resend: '重新获取',
    code: '验证码',
    codePlaceholder: '6 位数字验证码',
    codeRequired: '请输入验证码',
    codeInvalid: '验证码为 6 位数字',
    codeSent: '验证码已发送，请查收短信',
    requestCodeFirst: '请先获取验证码',
    submit: '登录',
    privacy: '登录即表示您同意我们按《个人信息保护法》处理您的手机号，仅用于身份验证和房屋服务。',
  },
  me: {
    title: '我的',
    phone: '手机号',
    homes: '我的房屋',
    homesCount: '{{count}} 套',
    language: '语言 / Language',
    consents: '营销信息接收',
    consentsNote:
      '依据《个人信息保护法》，您可以随时开启或关闭以下渠道的营销信息。每次变更都会记录时间，服务类通知（如报事进度）不受影响。',
    consentChangedAt: '{{time}} 更新',
    consentNever: '未设置',
    consentSaved: '已保存',
    data: '我的个人信息',
    dataExport: '申请获取我的个人信息副本',
    dataExportHint: '提交后客服中心会核实身份，并在法定期限内向您提供副本。',
    dataExportConfirm: '确定申请获取您的个人信息副本吗？',
    dataExportDone: '已提交申请，编号 {{number}}',
    dataExportAlreadyOpen: '您已有一个处理中的申请，编号 {{number}}',
    logout: '退出登录',
    logoutConfirm: '确定退出登录吗？',
  },
  ...zhCNHome,
  ...zhCNJourney,
  ...zhCNHandover,
  ...zhCNOpenDays,
  ...zhCNEvents,
  ...zhCNBenefits,
  ...zhCNClub,
  ...zhCNServices,
  ...zhCNHomeCare,
  ...zhCNDisclosure,
  ...zhCNRequests,
  ...zhCNSurveys,
  enums: zhCNEnums,
};

export type Messages = typeof zhCN;
