/** My journey: when we get in touch, from signing to four years after moving in. */
export const zhCNJourney = {
  journey: {
    title: '我的旅程',
    entry: '我的旅程 · 服务节点',
    entryDesc: '看看我们会在什么时候主动联系您',
    intro: '从签约到入住后四年，我们会在这些时间主动联系您。',
    now: '近期',
    done: '已完成',
    doneOn: '{{date}} 已完成',
    dueOn: '预计 {{date}}',
    comingOn: '预计 {{date}}',
    home: '房屋',
    empty: '暂无服务节点',
    emptyHint: '签约登记完成后，这里会列出我们联系您的时间安排',
    noSteps: '这套房屋暂无服务节点',
    warrantyTitle: '保修即将到期',
    warrantyEnds: '{{part}}：{{date}} 到期',
    warrantyReport: '还有需要保修的问题？到期前报修',
  },
};
