import type { zhCNOpenDays } from './zh-CN.openDays';

export const enUSOpenDays: typeof zhCNOpenDays = {
  openDays: {
    title: 'Site open days',
    entry: 'Site open days',
    entryDesc: 'Visit the site, read the answers to your suggestions',
    intro: 'Before handover, come and see your home on site; every suggestion you make there gets an answer.',
    empty: 'No open days',
    emptyHint: 'When your project plans a site open day, it shows here',
    when: '{{date}} {{from}}–{{to}}',
    placesLeft: '{{count}} places left',
    full: 'Full',
    register: 'Register',
    registerConfirm: 'Register for “{{title}}”?',
    registered: 'Registered',
    checkedIn: 'Checked in',
    done: 'You are registered',
    mySuggestions: 'My suggestions',
    answer: 'Answer',
    waiting: 'Waiting for an answer; we will reply soon',
    statuses: { planned: 'Open for registration', held: 'Held', cancelled: 'Cancelled' },
  },
};
