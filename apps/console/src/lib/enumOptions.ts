import {
  CALLBACK_STATUSES,
  CONSENT_CHANNELS,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  OWNERSHIP_END_REASONS,
  SLA_NODES,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  WORK_ORDER_STATUSES,
} from '@anju/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Messages } from '../i18n/zh-CN';

type EnumLabels = Messages['enums'];
export type EnumKind = keyof EnumLabels;
export type EnumValue<K extends EnumKind> = keyof EnumLabels[K] & string;

/** The values of each labelled enum, in the contract's order. */
export const ENUM_VALUES: { readonly [K in EnumKind]: readonly EnumValue<K>[] } = {
  ticketType: TICKET_TYPES,
  ticketStatus: TICKET_STATUSES,
  ticketChannel: TICKET_CHANNELS,
  ticketPriority: TICKET_PRIORITIES,
  slaNode: SLA_NODES,
  workOrderStatus: WORK_ORDER_STATUSES,
  callbackStatus: CALLBACK_STATUSES,
  outboxStatus: OUTBOX_STATUSES,
  outboxChannel: OUTBOX_CHANNELS,
  consentChannel: CONSENT_CHANNELS,
  ownershipEndReason: OWNERSHIP_END_REASONS,
};

/** The label of an enum value in the UI language (`enums.<kind>.<value>` of the message set). */
export function useEnumLabel() {
  const { t } = useTranslation();
  // the key is checked by the signature; i18next's key type cannot follow a generic kind
  return useCallback(
    <K extends EnumKind>(kind: K, value: EnumValue<K>): string => t(`enums.${kind}.${value}` as never),
    [t],
  );
}

/** Select options of an enum: every value of its contract list (or `values`), labelled. */
export function useEnumOptions() {
  const label = useEnumLabel();
  return useCallback(
    <K extends EnumKind>(kind: K, values: readonly EnumValue<K>[] = ENUM_VALUES[kind]) =>
      values.map((value) => ({ value, label: label(kind, value) })),
    [label],
  );
}
