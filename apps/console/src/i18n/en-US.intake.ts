import type { zhCNIntake } from './zh-CN.intake';

/** en-US messages of the hotline intake's duplicate warning (the shape of `zhCNIntake`). */
export const enUSIntake: typeof zhCNIntake = {
  intakeDuplicates: {
    title_one: 'This home already has 1 open ticket about the same problem',
    title_other: 'This home already has {{count}} open tickets about the same problem',
    hint: "Add the caller's words to an open ticket (a note the owner sees), or create a new ticket anyway.",
    addTo: 'Add to this ticket',
    added: 'Added to ticket {{number}}',
    nothingToAdd: 'Enter a title or description first, then add it to the open ticket',
  },
};
