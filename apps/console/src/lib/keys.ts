import type { KeyboardEvent } from 'react';

/** Ctrl+Enter (⌘+Enter) submits from any field, including multi-line ones. */
export const submitOnCtrlEnter = (submit: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    submit();
  }
};
