/** Home care (家居保养) words: the page, the home entry and the hints on the repair form. */
export const zhCNHomeCare = {
  homeCare: {
    title: '家居保养',
    entry: '家居保养',
    entryDesc: '地暖、防水、门窗、用电等使用和保养常识',
    search: '搜索，如：地暖、下水、防潮',
    empty: '没有找到相关的保养知识',
    symptom: '常见情况',
    fix: '怎么处理',
    prevention: '日常注意',
    hints: '提交前看看：可能对您有帮助的保养知识',
    more: '展开',
    less: '收起',
  },
};
