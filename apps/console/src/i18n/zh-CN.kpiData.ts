import type { COMPLAINT_CAUSES } from '@anju/contracts';

/** A label for every value of a contract's list: a value added there fails the typecheck here. */
type Labels<L extends readonly string[]> = Record<L[number], string>;

const causes: Labels<typeof COMPLAINT_CAUSES> = {
  sales_promise: '销售承诺',
  delivery_delay: '延期交付',
  agency_promise: '代理承诺',
  property_management: '物业管理',
  amenities: '配套设施',
  quality: '工程质量',
  other: '其他',
};

/**
 * zh-CN messages of the data the KPIs need (issue 14): the tickets' flags, cause and responsible contractor, the
 * clock holder, product types, surveyed area and report date, property visits. Not part of `zhCN`: the pages that
 * show them register them when their chunk loads (pages/kpiDataStrings.ts); `AllMessages` types them for `t`.
 */
export const zhCNKpiData = {
  kpiData: {
    leak: '渗漏',
    drawingMismatch: '图纸不符',
    complaintCause: '投诉原因',
    responsibleOrg: '责任单位',
    responsibleOrgHint: '选择承建商或供应商',
    causes,
    title: '指标数据',
    edit: '修改',
    saved: '已保存',
    holder: '责任部门',
    yes: '是',
    leakOnly: '仅渗漏',
    productTypes: {
      tab: '产品类型',
      code: '编码',
      name: '名称',
      sort: '排序',
      active: '启用',
      inactive: '已停用',
      add: '新增产品类型',
      edit: '编辑产品类型',
      codeHint: '房源与导入使用的编码，保存后不可修改',
      saved: '产品类型已保存',
      empty: '暂无产品类型',
    },
    surveyedArea: '查丈面积（㎡）',
    areaRule: '大于 0，最多两位小数',
    areaReportDate: '面积实测报告日期',
    visits: {
      title: '物业走访',
      record: '登记走访',
      project: '项目',
      unit: '房号',
      unitHint: '选择项目后选择房号',
      visitedOn: '走访日期',
      visitor: '走访人',
      visitorHint: '默认为当前登录人',
      issues: '发现问题',
      measures: '处理措施',
      month: '月份',
      export: '导出',
      recorded: '已登记走访',
      empty: '暂无走访记录',
    },
  },
};
