import type { AMENITY_STATUSES, DISCLOSURE_RISK_TYPES } from '@anju/contracts/disclosure';

/** A label for every value of a contract's list: a value added there fails the typecheck here. */
type Labels<L extends readonly string[]> = Record<L[number], string>;

const riskTypes: Labels<typeof DISCLOSURE_RISK_TYPES> = {
  substation: '变电站',
  high_voltage_line: '高压线',
  gas_station: '加油/加气站',
  waste_station: '垃圾站',
  sewage_plant: '污水处理厂',
  factory: '工厂',
  cemetery: '墓地',
  elevated_road: '高架道路',
  railway: '铁路',
  flight_path: '航线',
  planned_construction: '规划在建项目',
  other: '其他',
};

const amenityStatuses: Labels<typeof AMENITY_STATUSES> = {
  planned: '规划中',
  under_construction: '建设中',
  open: '已开放',
  delayed: '延期',
  cancelled: '已取消',
};

/**
 * zh-CN messages of the risk disclosure page (红线外一公里公示). Not part of `zhCN`: the page registers them when its
 * chunk loads (pages/disclosure/disclosureStrings.ts); `AllMessages` types them for `t`.
 */
export const zhCNDisclosure = {
  disclosure: {
    title: '风险公示',
    intro: '每个项目红线外一公里的不利因素、城市地图和配套承诺，按版本发布；买受人需确认已阅读当前版本。',
    project: '项目',
    scope: '范围',
    scopeAll: '我的全部项目',
    version: '版本',
    versionN: '第 {{n}} 版',
    updated: '更新时间',
    updatedBy: '更新人',
    acknowledged: '已确认 / 买受人',
    risks: '风险项',
    amenities: '配套承诺',
    map: '城市地图',
    note: '说明',
    empty: '还没有发布任何项目的风险公示',
    newPack: '为项目新建公示',
    pickProject: '选择还没有公示的项目',
    create: '新建',
    edit: '编辑',
    view: '查看',
    editorTitle: '{{project}} · 风险公示',
    editorNew: '首次发布',
    editorVersion: '当前第 {{n}} 版，发布后为第 {{next}} 版',
    riskType: '类型',
    riskName: '名称',
    distance: '距离红线（米）',
    distanceShort: '{{m}} 米',
    riskNote: '备注',
    addRisk: '添加风险项',
    noRisks: '没有风险项',
    amenityName: '名称',
    promisedOn: '承诺日期',
    amenityStatus: '状态',
    amenityNote: '备注',
    addAmenity: '添加配套',
    noAmenities: '没有配套承诺',
    remove: '删除',
    uploadMap: '上传地图（图片或 PDF）',
    replaceMap: '更换地图',
    removeMap: '移除地图',
    openMap: '打开地图',
    noMap: '未上传地图',
    mapUploaded: '地图已上传，发布后生效',
    publish: '发布',
    published: '已发布第 {{n}} 版',
    conflict: '其他人已发布了更新的版本，已重新载入；请核对后再发布',
    sortedHint: '风险项按距离由近到远排列',
    acknowledge: '登记确认',
    ackTitle: '登记买受人确认 · {{project}}',
    ackVersion: '确认版本：第 {{n}} 版',
    ackHint: '买受人在售楼处阅读了当前版本的风险公示并签字确认',
    customer: '买受人',
    ackDone: '已登记确认',
    ackStale: '公示已更新，已重新载入；请让买受人阅读新版本后再确认',
    riskTypes,
    amenityStatuses,
  },
};
