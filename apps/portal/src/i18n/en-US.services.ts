import type { zhCNServices } from './zh-CN.services';

/** The value-added services pages' words (book, track, rate). */
export const enUSServices: typeof zhCNServices = {
  services: {
    title: 'Services',
    entry: 'Value-added services',
    entryDesc: 'Decoration lectures, pre-delivery visits, custody, legal advice and more',
    intro: 'Book a service for your home; each step’s progress shows here.',
    offered: 'Services you can book',
    mine: 'My requests',
    free: 'Free',
    membersOnly: 'Members only',
    book: 'Book',
    bookTitle: 'Book “{{name}}”',
    home: 'Home',
    note: 'Note (optional)',
    booked: 'Booked',
    empty: 'No services to book',
    emptyHint: 'Your project offers no value-added services yet',
    noRequests: 'You have not booked a service yet',
    statuses: { open: 'In progress', done: 'Done', cancelled: 'Cancelled' },
    states: { done: 'Done', in_progress: 'In progress', to_come: 'To come', cancelled: 'Cancelled' },
    cancel: 'Cancel',
    cancelReason: 'Please tell us why you cancel',
    cancelled: 'Cancelled',
    rate: 'Rate',
    rateTitle: 'Rate this service',
    comment: 'Your comments (optional)',
    rated: 'Thank you for your rating',
    yourRating: 'Your rating: {{score}}',
    steps: 'Steps',
  },
};
