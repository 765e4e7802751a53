import type { KpiCode } from '@anju/contracts/analytics';
import type { Language } from '../../platform/i18n.js';
import { ticketWord } from '../tickets/ticket-words.js';

type Words = Record<string, [zh: string, en: string]>;

/** Words of the codes the exported workbooks show, in both languages (the console has its own for the screen). */
const WORDS: Record<'kpi' | 'sheet' | 'column', Words> = {
  kpi: {
    K1: ['投诉回复及时性', 'Complaint reply timeliness'],
    K2: ['维修结果客户回访满意度', 'Repair callback satisfaction'],
    K3: ['维修抱怨度', 'Repair callback complaint rate'],
    K4: ['集中交付45天后返修量', 'Open repairs 45 days after mass delivery'],
    K5: ['开放日业主建议回复率', 'Open-day suggestion reply rate'],
    K6: ['开放日工程质量整改率', 'Open-day rectification rate'],
    K7: ['渗漏率', 'Leak rate'],
    K8: ['户均返修数（集中交付）', 'Repairs per household at mass delivery'],
    K9: ['户均返修数（交付后半年）', 'Repairs per household half a year after delivery'],
    K10: ['移交物业的满意度', "Property company's rating of the hand-over"],
    K11: ['一户一图准确率', 'One-home-one-drawing accuracy'],
    K12: ['各种产品类型回访率', 'Callback coverage per product type'],
    K13: ['销售回访满意率', 'Sales callback satisfaction'],
    K14: ['销售回访抱怨度', 'Sales callback complaint rate'],
    K15: ['竣工查丈报告准确率', 'Area survey report accuracy'],
    K15T: ['竣工查丈报告时限', 'Area survey report timeliness'],
    K16: ['客户投诉处理措施落实率', 'Complaint measures implemented'],
    K17: ['物业走访客户', 'Property household visits'],
    K18: ['真诚互动活动', 'Property interaction events'],
    K19: ['项目区域评估排名', 'Project ranking in the regional evaluation'],
  },
  sheet: {
    summary: ['汇总', 'Summary'],
    type: ['按类型', 'By type'],
    channel: ['按渠道', 'By channel'],
    category: ['按类别', 'By category'],
    cause: ['按原因', 'By cause'],
    project: ['按项目', 'By project'],
    timeliness: ['回复及时性', 'Timeliness'],
    top: ['主要问题', 'Top problems'],
    kpis: ['指标', 'KPIs'],
  },
  column: {
    item: ['项目', 'Item'],
    count: ['数量', 'Count'],
    scope: ['范围', 'Scope'],
    period: ['期间', 'Period'],
    total: ['工单总数', 'Tickets'],
    reopened: ['重开', 'Reopened'],
    escalated: ['升级', 'Escalated'],
    value: ['值', 'Value'],
    numerator: ['分子', 'Numerator'],
    denominator: ['分母', 'Denominator'],
    target: ['目标', 'Target'],
    met: ['达标', 'Met'],
    yes: ['是', 'yes'],
    no: ['否', 'no'],
    noData: ['无数据', 'no data'],
    kpi: ['指标', 'KPI'],
    type: ['类型', 'Type'],
    key: ['类别/原因', 'Category / cause'],
    rank: ['排名', 'Rank'],
    score: ['得分', 'Score'],
  },
};

/** A code's word in the reader's language (the code itself when it has none); ticket codes are the tickets module's. */
export function word(
  lang: Language,
  group: keyof typeof WORDS | 'type' | 'channel' | 'cause',
  code: string | null,
): string {
  if (group === 'type' || group === 'channel' || group === 'cause') return ticketWord(lang, group, code);
  if (code === null) return '—';
  const pair = WORDS[group][code];
  return pair ? pair[lang === 'en-US' ? 1 : 0] : code;
}

export const kpiName = (lang: Language, kpi: KpiCode) => `${kpi} ${word(lang, 'kpi', kpi)}`;
