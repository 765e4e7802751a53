import type { Customer, CustomerSummary } from '@anju/contracts';
import type { HomeRef } from './customer.repository.js';
import type { CustomerPhoneRow, CustomerRow } from './customer.tables.js';
import { maskMobile } from './customer.validation.js';

type Kinds = CustomerSummary['kinds'];

export const presentSummary = (
  row: CustomerRow,
  phones: CustomerPhoneRow[],
  homes: HomeRef[],
  duplicateSuspected: boolean,
): CustomerSummary => ({
  id: row.id,
  name: row.name,
  gender: row.gender as CustomerSummary['gender'],
  kinds: row.kinds as Kinds,
  primaryPhoneMasked: phones[0] ? maskMobile(phones[0].phone) : null,
  idNumberMasked: row.idNumberMasked,
  tags: row.tags,
  homes: homes.map((h) => `${h.projectName} ${h.unitCode}`),
  doNotContact: row.doNotContact,
  duplicateSuspected,
  createdAt: row.createdAt.toISOString(),
});

export type Customer360 = {
  row: CustomerRow;
  phones: CustomerPhoneRow[];
  homes: Customer['homesDetail'];
  household: Customer['household'];
  referredBy: Customer['referredBy'];
  referred: Customer['referred'];
  consents: Customer['consents'];
  duplicates: Customer['duplicates'];
};

export const presentCustomer = (c: Customer360): Customer => ({
  ...presentSummary(
    c.row,
    c.phones,
    c.homes
      .filter((h) => h.role === 'owner')
      .map((h) => ({ ...h, ownershipId: h.ownershipId ?? '', customerId: c.row.id })),
    c.duplicates.length > 0,
  ),
  birthday: c.row.birthday,
  email: c.row.email,
  wechatId: c.row.wechatId,
  address: c.row.address,
  idType: c.row.idType as Customer['idType'],
  sourceChannel: c.row.sourceChannel,
  notes: c.row.notes,
  declaredKinds: c.row.declaredKinds as Kinds,
  phones: c.phones.map((p) => ({ id: p.id, phoneMasked: maskMobile(p.phone), isPrimary: p.isPrimary, label: p.label })),
  homesDetail: c.homes,
  household: c.household,
  referredBy: c.referredBy,
  referred: c.referred,
  consents: c.consents,
  duplicates: c.duplicates,
  mergedInto: c.row.mergedInto,
  anonymised: c.row.anonymisedAt !== null,
  version: c.row.version,
  updatedAt: c.row.updatedAt.toISOString(),
});
