import type { JourneyStep } from '@anju/contracts/journeys';

/**
 * The two templates every company starts with (seed 003): the 6+2 steps and Pulte's 7 steps. Checklists and scripts
 * carry the seed's touchpoints, the owner's typical worries and the work points of each step. A company edits its
 * own copy (a new version); +1 一路同行 is the ticket loop and has no dated step.
 */
/** Pulte's steps overlap the 6+2 quality checks: a company switches them on where it runs them instead or as well. */
export type DefaultTemplate = { key: string; name: { zh: string; en: string }; active: boolean; steps: JourneyStep[] };

type Item = [key: string, zh: string, en: string];
const checklist = (...items: Item[]) => items.map(([key, zh, en]) => ({ key, zh, en }));
const step = (
  s: Omit<JourneyStep, 'milestone' | 'warrantyPart' | 'repeat' | 'checklist' | 'requiresDisclosure'> &
    Partial<Pick<JourneyStep, 'milestone' | 'warrantyPart' | 'repeat' | 'requiresDisclosure'>> & { checklist?: Item[] },
): JourneyStep => ({
  milestone: null,
  warrantyPart: null,
  repeat: null,
  requiresDisclosure: false,
  ...s,
  checklist: checklist(...(s.checklist ?? [])),
});

const QUALITY_CHECK: Item[] = [
  ['hardware', '五金配件完好', 'Hardware fittings intact'],
  ['drainage', '排水设施通畅（地漏、台盆、坐便）', 'Drains run freely (floor drains, basins, toilet)'],
  ['door_window', '门窗及其五金配件开关顺畅、密封良好', 'Doors, windows and their fittings open, close and seal'],
  ['electrical', '电气设备安全（插座、开关、漏电保护）', 'Electrical safety (sockets, switches, RCD)'],
  ['gas', '燃气设备安全（管线、阀门、报警器）', 'Gas safety (pipes, valves, detector)'],
  ['leak', '无渗漏（卫生间、外墙、窗边）', 'No leaks (bathrooms, outer walls, window edges)'],
  ['walls', '墙面地面无开裂、空鼓', 'Walls and floors without cracks or hollows'],
];

const SIX_PLUS_TWO: JourneyStep[] = [
  step({
    key: 'welcome',
    name: { zh: '温馨牵手', en: 'Warm welcome' },
    requiresDisclosure: true,
    anchor: 'first_visit',
    offset: { months: 0, days: 0 },
    kind: 'disclosure',
    performer: 'sales_consultant',
    scope: 'household',
    limitWorkingDays: 1,
    checklist: [
      ['project_info', '详细告知楼盘信息和特点', 'Full project information and features given'],
      ['risk_disclosure', '红线外一公里风险公示已告知并由客户确认', 'Risks within 1 km disclosed and acknowledged'],
      ['city_map', '城市地图及周边配套说明', 'City map and nearby amenities explained'],
      ['advice', '做好参谋：预算、户型、朝向、楼层', 'Advised on budget, layout, orientation, floor'],
    ],
    script: {
      zh: '核心：阳光购楼、提醒风险。客户典型心态：钱要花得值；降低投资风险、防止受骗；关注预算、户型朝向、房屋质量、小区规划、配套设施、物业服务、保值增值，以及红线外的空气、噪音等不确定因素和开发商诚信。工作要点：详细告知楼盘信息和特点；提醒项目周边风险；做好参谋。',
      en: 'Core: open, honest selling and risk warnings. Typical worries: value for money, avoiding risk and being cheated; budget, layout and orientation, build quality, site plan, amenities, property management, future value, and uncertainties outside the site (air, noise) and the developer’s integrity. Work points: give full project information; warn of nearby risks; advise as a trusted counsellor.',
    },
  }),
  step({
    key: 'contract_terms',
    name: { zh: '喜结连理：合同条款说明', en: 'Signing: contract terms' },
    requiresDisclosure: true,
    anchor: 'contract_signed',
    offset: { months: 0, days: 3 },
    kind: 'call',
    performer: 'cr_specialist',
    scope: 'household',
    limitWorkingDays: 3,
    checklist: [
      ['terms', '告知合同条款及交付标准', 'Contract terms and delivery standard explained'],
      ['mortgage', '说明按揭申请与审批流程', 'Mortgage application and approval explained'],
      ['certificate', '说明房产证办理步骤', 'Property certificate steps explained'],
      [
        'channels',
        '告知与公司的沟通渠道（热线、APP、客服中心）',
        'Contact channels given (hotline, app, service desk)',
      ],
    ],
    script: {
      zh: '核心：明确条款、信息透明。客户典型心态：心态转为被动，有无助感，易焦虑；担心合同风险、货不对版；关注贷款审批、房产证办理、签约手续、定金与退定条件。工作要点：告知合同条款；降低业主无助感；方便业主办理相关手续；告知业主与公司的沟通渠道。',
      en: 'Core: clear terms, full transparency. Typical worries: feeling passive and helpless, anxious; contract risk, a home unlike the one sold; mortgage approval, the certificate, signing formalities, deposits and refunds. Work points: explain the terms; reduce the helplessness; make the formalities easy; give the channels to reach us.',
    },
  }),
  step({
    key: 'sales_callback',
    name: { zh: '喜结连理：销售回访', en: 'Signing: sales callback' },
    anchor: 'contract_signed',
    offset: { months: 0, days: 7 },
    kind: 'survey',
    performer: 'cr_specialist',
    scope: 'household',
    limitWorkingDays: 3,
    checklist: [['rated', '请客户为销售服务打分（1–5 分）', 'Customer rated the sales service (1–5)']],
    script: {
      zh: '回访销售服务：热情、专业、用心与否；签约手续是否便捷；有无未解答的问题。结果计入销售回访满意率与抱怨度。',
      en: 'Call back about the sales service: warm, professional, careful? Were the formalities easy? Any open questions? Scores count towards the sales callback satisfaction and complaint rates.',
    },
  }),
  step({
    key: 'progress_report',
    name: { zh: '亲密接触：工程进展通报', en: 'Waiting: construction progress' },
    anchor: 'contract_signed',
    offset: { months: 3, days: 0 },
    repeat: { everyMonths: 3, until: 'planned_delivery' },
    kind: 'notice_call',
    performer: 'cr_specialist',
    scope: 'household',
    limitWorkingDays: 5,
    checklist: [
      ['progress', '通报楼盘建设进展（附现场照片）', 'Construction progress reported (with site photos)'],
      ['schedule', '说明是否按期交楼', 'On-time delivery status explained'],
      ['changes', '通报规划设计变更（如有）', 'Design changes reported (if any)'],
    ],
    script: {
      zh: '核心：工地开放、进展通报。客户典型心态：憧憬未来又忐忑不安；是否按期交楼、工程质量、此前业主遇到的问题、区域楼市变化；开始考虑装修、收楼程序、验房方法、入住费用。工作要点：楼盘建设进展的沟通；规划设计变更通报；工地开放日。',
      en: 'Core: open site, progress reports. Typical worries: hopeful yet uneasy; on-time delivery, build quality, problems earlier owners met, the local market; starting to think of decoration, the handover procedure, how to inspect, move-in costs. Work points: report progress; announce design changes; invite to site open days.',
    },
  }),
  step({
    key: 'open_day',
    name: { zh: '亲密接触：工地开放日', en: 'Waiting: site open day' },
    anchor: 'planned_delivery',
    offset: { months: 0, days: -60 },
    kind: 'open_day',
    performer: 'cr_manager',
    scope: 'batch',
    limitWorkingDays: 10,
    checklist: [
      ['invited', '向本批次业主发出邀请（短信/门户）', 'Owners of the batch invited (SMS/portal)'],
      ['route', '参观路线与安全措施就绪', 'Visit route and safety measures ready'],
      ['suggestions', '现场收集业主建议与工程问题', 'Suggestions and engineering issues collected on site'],
      ['replies', '每条建议均已答复业主', 'Every suggestion answered'],
    ],
    script: {
      zh: '每个交付批次一次。开放日业主建议回复率、开放日工程质量整改率目标均为 100%：每条建议都要答复到业主，每个工程问题都要整改并验证。',
      en: 'One per delivery batch. Targets: every open-day suggestion answered and every engineering issue rectified and verified (100 %).',
    },
  }),
  step({
    key: 'delivery_notice',
    name: { zh: '恭迎乔迁：交付通知', en: 'Handover: delivery notice' },
    anchor: 'planned_delivery',
    offset: { months: 0, days: -30 },
    kind: 'notice',
    performer: 'cr_specialist',
    scope: 'household',
    limitWorkingDays: 3,
    checklist: [
      ['notice_sent', '交付通知书已送达（短信/门户/邮寄）', 'Delivery notice delivered (SMS/portal/post)'],
      ['fees', '附入住费用说明', 'Move-in fees explained'],
      ['inspection_guide', '附验房指引（专业方法与注意事项）', 'Inspection guide included'],
      ['booking', '提醒预约交付时段', 'Reminded to book a handover slot'],
    ],
    script: {
      zh: '核心：装扮家庭、恭贺乔迁。客户典型心态：梦想实现；与交楼标准一致、排除隐患；需要验房的专业方法、水电门窗的使用说明、入住后的收费说明、问题通过何种渠道解决、质量问题多长时间解决。工作要点：指引业主验楼；收费情况说明；便捷的入伙手续；装修指引。',
      en: 'Core: make the home theirs, celebrate the move. Typical worries: a dream come true; matching the delivery standard with no hidden defects; how to inspect, how to use water, power, doors and windows, the fees after moving in, where to report problems and how fast they are fixed. Work points: guide the inspection; explain the fees; make the formalities easy; give the decoration guide.',
    },
  }),
  step({
    key: 'decoration_guide',
    name: { zh: '恭迎乔迁：装修指引', en: 'Handover: decoration guide' },
    anchor: 'handover',
    offset: { months: 0, days: 0 },
    kind: 'notice',
    performer: 'property_staff',
    scope: 'household',
    limitWorkingDays: 2,
    checklist: [
      ['rules', '装修管理规定与申报流程', 'Decoration rules and permit procedure'],
      [
        'structure',
        '承重墙、防水层、燃气管线不得改动的提醒',
        'Load-bearing walls, waterproofing and gas lines must not be altered',
      ],
      ['contacts', '装修期间的联系人', 'Contacts during decoration'],
    ],
    script: {
      zh: '收楼当天发送装修指引：装修信息和帮助、装饰材料购买建议、禁止改动的部位；告知有问题找谁、邻居是谁。',
      en: 'On the day the keys are taken: decoration information and help, where to buy materials, what must not be altered; whom to ask, who the neighbours are.',
    },
  }),
  step({
    key: 'home_visit',
    name: { zh: '嘘寒问暖：入住 3 个月居住访问', en: 'Caring: 3-month home visit' },
    anchor: 'move_in',
    offset: { months: 3, days: 0 },
    kind: 'home_visit',
    performer: 'cr_specialist',
    scope: 'household',
    limitWorkingDays: 10,
    checklist: [
      ['problems', '询问业主需要解决的问题', 'Asked which problems need solving'],
      ['quality_check', '主动检查房屋质量', 'Checked the home’s quality'],
      ['suggestions', '征询对产品和服务的建议和意见', 'Collected suggestions on product and service'],
    ],
    script: {
      zh: '核心：入住 3 个月居住访问。客户典型心态：我被持续关注；邻里关系、与开发商和物业的关系；以后有问题向谁反映；物业收费；社区活动。工作要点：询问业主需要解决的问题；主动检查房屋质量；征询建议和意见。',
      en: 'Core: a visit three months after moving in. Typical worries: am I still cared for; neighbours, the developer and the property company; whom to tell about problems; property fees; community activities. Work points: ask what needs solving; check the home’s quality; collect suggestions.',
    },
  }),
  step({
    key: 'year_check',
    name: { zh: '承担责任：入住一年质量检查', en: 'Responsibility: 1-year quality check' },
    anchor: 'move_in',
    offset: { months: 12, days: 0 },
    kind: 'inspection',
    performer: 'department_staff',
    scope: 'household',
    limitWorkingDays: 10,
    checklist: QUALITY_CHECK,
    script: {
      zh: '核心：居住一年后的质量检查。客户典型心态：如果被关注会感到惊喜；居住舒适性、物业服务质量、配套。工作要点：检查五金配件的完好性；检查排水设施通畅；检查门窗的五金配件；检查电气和燃气设备的安全性。发现的问题当场报修。',
      en: 'Core: a quality check after a year. Typical worries: pleasantly surprised to be remembered; comfort, property service, amenities. Work points: check hardware fittings; check the drains; check door and window fittings; check electrical and gas safety. Report what fails as a repair on the spot.',
    },
  }),
  step({
    key: 'four_year_plan',
    name: { zh: '四年之约：公共部位改造计划', en: 'Four-year pledge: common-area renewal' },
    anchor: 'actual_delivery',
    offset: { months: 48, days: 0 },
    kind: 'project_task',
    performer: 'cr_manager',
    scope: 'batch',
    limitWorkingDays: 30,
    checklist: [
      [
        'survey',
        '排查设备老化、外墙涂料褪色脱落、绿化、安防设施',
        'Surveyed ageing equipment, faded paint, greenery, security',
      ],
      ['plan', '制定公共部位和设施改善计划', 'Renewal plan for common areas and facilities drawn up'],
      ['owners', '向业主公布改造计划', 'Plan published to owners'],
    ],
    script: {
      zh: '核心：交付后 4 年项目改造。客户典型心态：如果你能做到对我是奢望；小区设备老化、围墙涂料褪色脱落、绿化需要改造、安防设施需要更新。工作要点：对公共部位和设施进行改善；一线结合具体项目开展工作。每个交付批次一次。',
      en: 'Core: renewal four years after delivery. Typical thoughts: more than I would dare ask; ageing equipment, fading paint on the walls, greenery and security needing renewal. Work points: improve common areas and facilities, on the ground, project by project. One per delivery batch.',
    },
  }),
];

const PULTE: JourneyStep[] = [
  step({
    key: 'presale',
    name: { zh: '售前客户接待', en: 'Pre-sale reception' },
    requiresDisclosure: true,
    anchor: 'first_visit',
    offset: { months: 0, days: 0 },
    kind: 'disclosure',
    performer: 'sales_consultant',
    scope: 'household',
    limitWorkingDays: 1,
    checklist: [
      ['needs', '售前需求沟通', 'Needs discussed before sale'],
      ['risk_disclosure', '周边风险公示已确认', 'Nearby risks disclosed and acknowledged'],
    ],
    script: {
      zh: '帕尔迪第 1 步：售前需求沟通，了解客户需要并如实介绍产品。',
      en: 'Pulte step 1: talk through the buyer’s needs before the sale and present the product honestly.',
    },
  }),
  step({
    key: 'frame_visit',
    name: { zh: '框架落成参观', en: 'Frame-completion visit' },
    anchor: 'milestone',
    milestone: 'structure_topped_out',
    offset: { months: 0, days: 0 },
    kind: 'site_visit',
    performer: 'cr_specialist',
    scope: 'household',
    limitWorkingDays: 15,
    checklist: [['visited', '业主参观主体结构', 'Owner visited the structure']],
    script: {
      zh: '帕尔迪第 2 步：主体结构封顶后邀请业主参观，沟通品质与使用方式。',
      en: 'Pulte step 2: once the structure is topped out, invite the owner to see it; talk about quality and use.',
    },
  }),
  step({
    key: 'finished_visit',
    name: { zh: '成品参观', en: 'Finished-home visit' },
    anchor: 'planned_delivery',
    offset: { months: 0, days: -30 },
    kind: 'site_visit',
    performer: 'cr_specialist',
    scope: 'household',
    limitWorkingDays: 10,
    checklist: [['visited', '业主参观成品房', 'Owner visited the finished home']],
    script: {
      zh: '帕尔迪第 3 步：交付前参观成品，入伙前沟通品质和使用方式。',
      en: 'Pulte step 3: before delivery, visit the finished home; talk about quality and how to use it.',
    },
  }),
  ...[3, 11, 23, 35].map((months, i) =>
    step({
      key: `quality_check_${months}m`,
      name: { zh: `交付 ${months} 个月质量检查`, en: `${months}-month quality check` },
      anchor: 'handover',
      offset: { months, days: 0 },
      kind: 'inspection',
      performer: 'department_staff',
      scope: 'household',
      limitWorkingDays: 10,
      checklist: QUALITY_CHECK,
      script: {
        zh: `帕尔迪第 ${i + 4} 步：交付 ${months} 个月的质量检查，入伙后了解客户体验，发现的问题当场报修。`,
        en: `Pulte step ${i + 4}: the quality check ${months} months after handover; hear how living in the home is going and report what fails as a repair on the spot.`,
      },
    }),
  ),
];

export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    key: 'six_plus_two',
    name: { zh: '客户服务 6+2 步法', en: '6+2 service journey' },
    active: true,
    steps: SIX_PLUS_TWO,
  },
  { key: 'pulte', name: { zh: '帕尔迪 7 步法', en: 'Pulte 7 steps' }, active: false, steps: PULTE },
];
