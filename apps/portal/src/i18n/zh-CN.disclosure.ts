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

/** My risk disclosure (红线外一公里公示): what is around my project, the map, the promised amenities. */
export const zhCNDisclosure = {
  disclosure: {
    title: '风险公示',
    entry: '风险公示 · 周边环境',
    entryDesc: '项目红线外一公里的不利因素和配套承诺',
    intro: '为保障您的知情权，我们公示项目红线外一公里范围内的不利因素、城市地图和配套设施的承诺情况。',
    version: '第 {{n}} 版 · {{date}} 更新',
    risks: '周边不利因素（由近到远）',
    noRisks: '一公里内没有需要公示的不利因素',
    distance: '距红线 {{m}} 米',
    amenities: '配套设施承诺',
    noAmenities: '暂无配套承诺',
    promisedOn: '承诺 {{date}}',
    map: '城市地图',
    openMap: '查看地图',
    note: '说明',
    read: '我已阅读',
    confirm: '确认您已阅读并知悉「{{project}}」第 {{n}} 版风险公示的全部内容？',
    acknowledgedAt: '您已于 {{time}} 确认阅读',
    done: '已确认，感谢您的配合',
    empty: '暂无风险公示',
    emptyHint: '您的项目发布风险公示后会显示在这里',
    riskTypes,
    amenityStatuses,
  },
};
