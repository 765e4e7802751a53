import { ROOMS } from '@anju/contracts';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useDefectCategories } from '../../api/tickets';
import { useBilingual } from '../../i18n';
import { useEnumOptions } from '../../lib/enumOptions';

interface ControlProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  autoFocus?: boolean;
  style?: CSSProperties;
  testId?: string;
}

/** Option lists of the ticket enums, labelled in the UI language. */
export function useTicketOptions() {
  const { t } = useTranslation();
  const options = useEnumOptions();
  return {
    types: options('ticketType'),
    statuses: options('ticketStatus'),
    channels: options('ticketChannel'),
    priorities: options('ticketPriority'),
    rooms: ROOMS.map((v) => ({ value: v, label: t(`tickets.rooms.${v}`) })),
  };
}

/** A defect category (repairs), searchable by name or code; urgent ones are marked. */
export function CategorySelect({ testId, allowClear = true, ...rest }: ControlProps) {
  const { t } = useTranslation();
  const query = useDefectCategories();
  const name = useBilingual();
  return (
    <Select<string>
      {...rest}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      loading={query.isLoading}
      placeholder={rest.placeholder ?? t('tickets.category')}
      notFoundContent={query.isError ? t('tickets.loadFailed') : undefined}
      options={(query.data ?? []).map((c) => ({
        value: c.code,
        label: `${name(c)}${c.urgent ? ` · ${t('tickets.urgentCategory')}` : ''} (${c.code})`,
      }))}
      data-testid={testId}
    />
  );
}

export function RoomSelect({ testId, ...rest }: ControlProps) {
  const { t } = useTranslation();
  const { rooms } = useTicketOptions();
  return (
    <Select<string>
      allowClear
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={rest.placeholder ?? t('tickets.room')}
      options={rooms}
      data-testid={testId}
    />
  );
}
