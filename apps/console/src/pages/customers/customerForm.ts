import {
  CONSENT_CHANNELS,
  type Customer,
  DECLARABLE_KINDS,
  type ID_TYPES,
  type SOURCE_CHANNELS,
} from '@anju/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import type { UpdateCustomerBody } from '../../api/customers';
import type { PhoneRow } from './PhonesEditor';

type Channel = (typeof CONSENT_CHANNELS)[number];
type Declarable = (typeof DECLARABLE_KINDS)[number];

export interface EditValues {
  name: string;
  gender: Customer['gender'];
  birthday: Dayjs | null;
  email?: string;
  wechatId?: string;
  address?: string;
  sourceChannel?: (typeof SOURCE_CHANNELS)[number] | null;
  tags: string[];
  notes?: string;
  declaredKinds: Declarable[];
  doNotContact: boolean;
  idType?: (typeof ID_TYPES)[number] | null;
  /** Blank keeps the stored (masked) ID number. */
  idNumber?: string;
  /** Undefined keeps the stored numbers; a list replaces them all. */
  phones?: PhoneRow[];
  consents: Record<Channel, boolean>;
  consentSource?: string;
}

const blankToNull = (v: string | undefined | null): string | null => (v?.trim() ? v.trim() : null);
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

export const grantedOf = (c: Customer, channel: Channel) =>
  c.consents.find((x) => x.channel === channel)?.granted ?? false;

export const valuesOf = (c: Customer): EditValues => ({
  name: c.name,
  gender: c.gender,
  birthday: c.birthday ? dayjs(c.birthday) : null,
  email: c.email ?? '',
  wechatId: c.wechatId ?? '',
  address: c.address ?? '',
  sourceChannel: (c.sourceChannel as EditValues['sourceChannel']) ?? null,
  tags: c.tags,
  notes: c.notes ?? '',
  declaredKinds: c.declaredKinds.filter((k): k is Declarable => (DECLARABLE_KINDS as readonly string[]).includes(k)),
  doNotContact: c.doNotContact,
  idType: c.idType,
  idNumber: '',
  phones: undefined,
  consents: Object.fromEntries(CONSENT_CHANNELS.map((ch) => [ch, grantedOf(c, ch)])) as Record<Channel, boolean>,
  consentSource: '',
});

/** The channels whose consent the form changes. */
export const changedConsents = (c: Customer, consents: Partial<Record<Channel, boolean>> | undefined) =>
  CONSENT_CHANNELS.filter((ch) => consents?.[ch] !== undefined && consents[ch] !== grantedOf(c, ch));

/** Only changed fields are sent, with the version the form was loaded from. */
export function diff(c: Customer, v: EditValues): UpdateCustomerBody {
  const body: UpdateCustomerBody = { version: c.version };
  if (v.name.trim() !== c.name) body.name = v.name.trim();
  if (v.gender !== c.gender) body.gender = v.gender;
  const birthday = v.birthday ? v.birthday.format('YYYY-MM-DD') : null;
  if (birthday !== c.birthday) body.birthday = birthday;
  if (blankToNull(v.email) !== c.email) body.email = blankToNull(v.email);
  if (blankToNull(v.wechatId) !== c.wechatId) body.wechatId = blankToNull(v.wechatId);
  if (blankToNull(v.address) !== c.address) body.address = blankToNull(v.address);
  if (blankToNull(v.notes) !== c.notes) body.notes = blankToNull(v.notes);
  if ((v.sourceChannel ?? null) !== c.sourceChannel) body.sourceChannel = v.sourceChannel ?? null;
  const tags = v.tags.map((x) => x.trim()).filter(Boolean);
  if (!sameList(tags, c.tags)) body.tags = tags;
  if (!sameList(v.declaredKinds, c.declaredKinds)) body.declaredKinds = v.declaredKinds;
  if (v.doNotContact !== c.doNotContact) body.doNotContact = v.doNotContact;
  // the server rewrites the whole identity when either field is sent, so both go together with a new number
  if (v.idNumber?.trim()) {
    body.idNumber = v.idNumber.trim();
    body.idType = v.idType ?? 'resident_id';
  }
  if (v.phones)
    body.phones = v.phones.map((p) => ({ phone: p.phone.trim(), label: blankToNull(p.label), isPrimary: p.isPrimary }));
  const consents = changedConsents(c, v.consents);
  if (consents.length)
    body.consents = consents.map((channel) => ({
      channel,
      granted: v.consents[channel],
      source: v.consentSource?.trim() ?? '',
    }));
  return body;
}
