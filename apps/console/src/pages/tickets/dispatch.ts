/** The unit types a ticket can be dispatched to (the dispatch dialog and bulk dispatch). */
export const DISPATCH_TARGETS = ['department', 'contractor', 'project', 'city_company'];

/** The server takes at most this many tickets per bulk dispatch. */
export const BULK_DISPATCH_MAX = 100;
