import type { zhCNJourney } from './zh-CN.journey';

export const enUSJourney: typeof zhCNJourney = {
  journey: {
    title: 'My journey',
    entry: 'My journey · Service milestones',
    entryDesc: 'See when we will get in touch with you',
    intro: 'From signing to four years after you move in, we will get in touch at these times.',
    now: 'Now',
    done: 'Done',
    doneOn: 'Done on {{date}}',
    dueOn: 'Around {{date}}',
    comingOn: 'Around {{date}}',
    home: 'Home',
    empty: 'No service milestones yet',
    emptyHint: 'Once your purchase is registered, the times we will get in touch are listed here',
    warrantyTitle: 'Warranty ending soon',
    warrantyEnds: '{{part}}: ends {{date}}',
    warrantyReport: 'Anything still to fix? Report it before then',
    noSteps: 'No service milestones for this home yet',
  },
};
