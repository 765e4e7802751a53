/** zh-CN messages of the hotline intake's duplicate warning (registered with the pages: pages/serviceStrings.ts). */
export const zhCNIntake = {
  intakeDuplicates: {
    title_one: '这套房已有 1 张同类工单在处理',
    title_other: '这套房已有 {{count}} 张同类工单在处理',
    hint: '可把来电内容追加到已有工单（业主可见的备注），也可以照常新建工单。',
    addTo: '追加到此工单',
    added: '已追加到工单 {{number}}',
    nothingToAdd: '请先填写标题或描述，再追加到已有工单',
  },
};
