import { DatePicker, type DatePickerProps, type GetProps } from 'antd';
import type { Dayjs } from 'dayjs';
import type { KeyboardEvent } from 'react';

/**
 * Enter in a date picker's input takes the typed date and closes the panel; it must not also submit the form or
 * drawer around it (antd's Form submits on Enter in any input). Ctrl/⌘+Enter still submits.
 */
export function keepEnterInPicker(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  e.stopPropagation();
}

/** antd's DatePicker for forms: Enter in it never submits the form. */
export function DateField(props: DatePickerProps<Dayjs, false>) {
  const { onKeyDown } = props;
  return (
    <DatePicker
      {...props}
      onKeyDown={(e, preventDefault) => {
        keepEnterInPicker(e);
        onKeyDown?.(e, preventDefault);
      }}
    />
  );
}

/** antd's RangePicker for forms: Enter in it never submits the form. */
export function DateRangeField(props: GetProps<typeof DatePicker.RangePicker>) {
  const { onKeyDown } = props;
  return (
    <DatePicker.RangePicker
      {...props}
      onKeyDown={(e, preventDefault) => {
        keepEnterInPicker(e);
        onKeyDown?.(e, preventDefault);
      }}
    />
  );
}
