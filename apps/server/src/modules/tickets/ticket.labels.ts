/** Chinese labels used in SMS texts and timeline titles. */
export const TYPE_ZH: Record<string, string> = {
  complaint: '投诉',
  repair: '报修',
  consultation: '咨询',
  suggestion: '建议',
  praise: '表扬',
};

export const EVENT_ZH: Record<string, string> = {
  created: '已受理',
  inspect: '已现场查看',
  dispatch: '已派单',
  startProcessing: '处理中',
  hold: '已挂起',
  resume: '已恢复',
  close: '已结单',
  reopen: '已重新打开',
  cancel: '已取消',
  note: '备注',
  photo: '照片',
  merged: '合并',
  follow_up: '跟进',
  warning: '时限预警',
  breach: '已超时',
  escalation: '已升级',
  callback: '回访',
  work_order: '派工单',
};
