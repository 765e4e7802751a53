/** Site open days in the portal: the open days of my projects, registering, my suggestions and their answers. */
export const zhCNOpenDays = {
  openDays: {
    title: '工地开放日',
    entry: '工地开放日',
    entryDesc: '报名参观工地，查看建议答复',
    intro: '交房前，欢迎到工地现场看看您的家，现场提出的建议我们都会答复。',
    empty: '暂无开放日',
    emptyHint: '项目安排工地开放日后，会在这里通知您',
    when: '{{date}} {{from}}–{{to}}',
    placesLeft: '剩余名额 {{count}}',
    full: '名额已满',
    register: '报名参加',
    registerConfirm: '确定报名参加“{{title}}”吗？',
    registered: '已报名',
    checkedIn: '已签到',
    done: '报名成功',
    mySuggestions: '我的建议',
    answer: '答复',
    waiting: '待答复，我们会尽快回复您',
    statuses: { planned: '报名中', held: '已举行', cancelled: '已取消' },
  },
};
