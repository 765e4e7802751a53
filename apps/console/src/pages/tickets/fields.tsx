import { ROOMS } from '@anju/contracts';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDefectCategories } from '../../api/tickets';
import type { SelectControlProps } from '../../components/ProjectFilter';
import { useBilingual } from '../../i18n';
import { useEnumOptions } from '../../lib/enumOptions';

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
export function CategorySelect({ testId, allowClear = true, ...rest }: SelectControlProps) {
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

export function RoomSelect({ testId, ...rest }: SelectControlProps) {
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
