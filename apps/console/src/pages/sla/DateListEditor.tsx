import { Flex, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, DateRangeField } from '../../components/DateField';

const MAX_RANGE_DAYS = 62;

interface Props {
  id?: string;
  value?: string[];
  onChange?: (dates: string[]) => void;
  disabled?: boolean;
  testId?: string;
}

/** A sorted list of `YYYY-MM-DD` days: pick a day or a range to add them, close a tag to remove one. */
export function DateListEditor({ id, value = [], onChange, disabled, testId }: Props) {
  const { t } = useTranslation();
  const [tooLong, setTooLong] = useState(false);

  const addRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = range ?? [null, null];
    if (!from || !to) return;
    const days = to.startOf('day').diff(from.startOf('day'), 'day') + 1;
    setTooLong(days > MAX_RANGE_DAYS);
    if (days > MAX_RANGE_DAYS) return;
    const added = Array.from({ length: days }, (_, i) => from.add(i, 'day').format('YYYY-MM-DD'));
    onChange?.([...new Set([...value, ...added])].sort());
  };

  return (
    // Enter confirms a typed date; it must not also submit the surrounding form
    <Flex vertical gap={8} data-testid={testId} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
      <Flex gap={8} align="center" wrap>
        {!disabled && (
          <>
            <DateField
              id={id}
              value={null}
              onChange={(day: Dayjs | null) => addRange([day, day])}
              disabled={disabled}
              placeholder={t('sla.calendar.addDay')}
              style={{ width: 150 }}
            />
            <DateRangeField
              value={null}
              onChange={addRange}
              disabled={disabled}
              onOpenChange={(open) => open || setTooLong(false)}
              placeholder={[t('sla.calendar.addFrom'), t('sla.calendar.addTo')]}
              style={{ width: 300, maxWidth: '100%' }}
            />
          </>
        )}
        <Typography.Text type="secondary">
          {value.length ? t('sla.calendar.count', { count: value.length }) : t('sla.calendar.none')}
        </Typography.Text>
      </Flex>
      {tooLong && (
        <Typography.Text type="danger">{t('sla.calendar.rangeTooLong', { max: MAX_RANGE_DAYS })}</Typography.Text>
      )}
      {value.length > 0 && (
        <Flex wrap gap={4} style={{ maxHeight: 180, overflowY: 'auto' }}>
          {value.map((d) => (
            <Tag
              key={d}
              closable={!disabled}
              onClose={() => onChange?.(value.filter((x) => x !== d))}
              style={{ marginInlineEnd: 0 }}
            >
              {dayjs(d).format('YYYY-MM-DD ddd')}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
