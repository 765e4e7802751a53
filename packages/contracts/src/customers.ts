import { z } from 'zod';
import { codeParams, TIMELINE_CODES } from './codes.js';
import { isoDateTime, pageQuery, version } from './common.js';
import { HISTORY_JOB_KINDS } from './history.js';
import { birthday, mobile, personName } from './input-rules.js';

export const CUSTOMER_KINDS = ['prospect', 'buyer', 'owner', 'family', 'employee', 'public'] as const;
export const customerKind = z.enum(CUSTOMER_KINDS);
export const DECLARABLE_KINDS = ['prospect', 'employee', 'public'] as const;
export const ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'other'] as const;
export const CONSENT_CHANNELS = ['sms', 'email', 'wechat'] as const;
export const consentChannel = z.enum(CONSENT_CHANNELS);
export const FAMILY_RELATIONS = ['spouse', 'child', 'parent', 'sibling', 'other'] as const;
export const SOURCE_CHANNELS = [
  'walk_in',
  'hotline',
  'referral',
  'online',
  'event',
  'import',
  'portal',
  'other',
] as const;
export const REVEALABLE_FIELDS = ['phone', 'idNumber'] as const;

const isoDate = z.iso.date();
const name = personName();

export const customerPhone = z.object({
  id: z.uuid(),
  /** Masked (138****5678) unless revealed through revealCustomerField. */
  phoneMasked: z.string(),
  isPrimary: z.boolean(),
  label: z.string().nullable(),
});

export const consentState = z.object({
  channel: consentChannel,
  granted: z.boolean(),
  at: isoDateTime.nullable(),
  source: z.string().nullable(),
});

export const customerSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    gender: z.enum(['male', 'female', 'unknown']),
    kinds: z.array(customerKind),
    primaryPhoneMasked: z.string().nullable(),
    idNumberMasked: z.string().nullable(),
    tags: z.array(z.string()),
    /** Unit codes with project names, e.g. 安居·云庭 3-2-1502 */
    homes: z.array(z.string()),
    doNotContact: z.boolean(),
    duplicateSuspected: z.boolean(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'CustomerSummary' });
export type CustomerSummary = z.infer<typeof customerSummary>;

export const home = z.object({
  ownershipId: z.uuid().nullable(),
  unitId: z.uuid(),
  unitCode: z.string(),
  projectId: z.uuid(),
  projectName: z.string(),
  role: z.enum(['owner', 'family']),
  sharePercent: z.number().nullable(),
  firstVisitDate: isoDate.nullable(),
  contractDate: isoDate.nullable(),
  deliveryDate: isoDate.nullable(),
  moveInDate: isoDate.nullable(),
});

export const personRef = z.object({ id: z.uuid(), name: z.string(), kinds: z.array(customerKind) });

export const customer = customerSummary
  .extend({
    birthday: isoDate.nullable(),
    email: z.string().nullable(),
    wechatId: z.string().nullable(),
    address: z.string().nullable(),
    idType: z.enum(ID_TYPES).nullable(),
    sourceChannel: z.string().nullable(),
    notes: z.string().nullable(),
    declaredKinds: z.array(customerKind),
    phones: z.array(customerPhone),
    homesDetail: z.array(home),
    household: z.array(personRef.extend({ relation: z.string(), unitCode: z.string().nullable() })),
    referredBy: z.array(personRef.extend({ referralId: z.uuid(), outcome: z.enum(['referred', 'visited', 'bought']) })),
    referred: z.array(personRef.extend({ referralId: z.uuid(), outcome: z.enum(['referred', 'visited', 'bought']) })),
    consents: z.array(consentState),
    duplicates: z.array(personRef.extend({ reason: z.enum(['phone', 'id_number']) })),
    mergedInto: z.uuid().nullable(),
    anonymised: z.boolean(),
    version,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof customer>;

export const listCustomersQuery = pageQuery.extend({
  kind: customerKind.optional(),
  projectId: z.uuid().optional(),
  tag: z.string().max(30).optional(),
  duplicateSuspected: z.stringbool().optional(),
});

/** q: full phone, last four digits, name prefix, pinyin initials, unit code, or an exact ID number. */
export const searchCustomersQuery = z.object({
  q: z.string().trim().min(1).max(40),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const consentInput = z.object({
  channel: consentChannel,
  granted: z.boolean(),
  source: z.string().trim().min(1).max(60),
});

/** The editable fields with no defaults, so a partial update never resets what it does not mention. */
const customerFields = z.object({
  name,
  gender: z.enum(['male', 'female', 'unknown']),
  birthday: birthday.nullable().optional(),
  phones: z
    .array(
      z.object({
        phone: mobile,
        isPrimary: z.boolean().default(false),
        label: z.string().trim().max(20).nullable().optional(),
      }),
    )
    .min(1)
    .max(5),
  email: z.email().max(120).nullable().optional(),
  wechatId: z.string().trim().max(40).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  idType: z.enum(ID_TYPES).nullable().optional(),
  idNumber: z.string().trim().max(40).nullable().optional(),
  sourceChannel: z.enum(SOURCE_CHANNELS).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(30)).max(30),
  notes: z.string().trim().max(2000).nullable().optional(),
  declaredKinds: z.array(z.enum(DECLARABLE_KINDS)).max(3),
  doNotContact: z.boolean(),
});

export const createCustomerBody = customerFields.extend({
  gender: customerFields.shape.gender.default('unknown'),
  tags: customerFields.shape.tags.default([]),
  declaredKinds: customerFields.shape.declaredKinds.default([]),
  doNotContact: customerFields.shape.doNotContact.default(false),
  /** The org node (project or company) the customer is registered under; sets who may see them. */
  orgUnitId: z.uuid(),
  consents: z.array(consentInput).max(3).default([]),
});
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

export const updateCustomerBody = customerFields.partial().extend({
  version,
  consents: z.array(consentInput).max(3).optional(),
});
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

export const createdCustomer = z.object({
  customer,
  duplicates: z.array(personRef.extend({ reason: z.enum(['phone', 'id_number']) })),
});

export const mergeCustomersBody = z.object({
  /** The record that stays. */
  targetId: z.uuid(),
  /** The record folded into the target; it remains as a tombstone pointing at the target. */
  sourceId: z.uuid(),
  reason: z.string().trim().min(2).max(200),
});

export const revealCustomerFieldBody = z.object({
  field: z.enum(REVEALABLE_FIELDS),
  /** Which phone, when field is phone (defaults to the primary). */
  phoneId: z.uuid().optional(),
  reason: z.string().trim().min(2, 'give a reason').max(200),
});
export const revealedField = z.object({ field: z.enum(REVEALABLE_FIELDS), value: z.string() });

export const TIMELINE_KINDS = [
  'created',
  'edited',
  'imported',
  'merged',
  'note',
  'call',
  'visit',
  'ownership',
  'referral',
  'consent',
  'ticket',
  'callback',
  'message',
  'event',
  'survey',
  'club',
  'service',
] as const;
export const timelineEntry = z
  .object({
    id: z.string(),
    at: isoDateTime,
    kind: z.enum(TIMELINE_KINDS),
    /** The stored (Chinese) title; entries with a `code` (TIMELINE_CODES) are rendered from it and `params`. */
    title: z.string(),
    code: z.enum(TIMELINE_CODES).nullable(),
    params: codeParams.nullable(),
    body: z.string().nullable(),
    actorName: z.string().nullable(),
    refType: z.string().nullable(),
    refId: z.string().nullable(),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntry>;
export const timelineQuery = pageQuery.extend({ kind: z.enum(TIMELINE_KINDS).optional() });

/** Staff log notes, calls and visits by hand; other kinds are written by the modules that own them. */
export const addTimelineEntryBody = z.object({
  kind: z.enum(['note', 'call', 'visit']),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().max(4000).nullable().optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

export const addOwnershipBody = z.object({
  unitId: z.uuid(),
  /** The buyer's first visit to the sales office (the 6+2 journey's first step). */
  firstVisitDate: isoDate.nullable().optional(),
  contractDate: isoDate.nullable().optional(),
  sharePercent: z.number().positive().max(100).nullable().optional(),
  deliveryDate: isoDate.nullable().optional(),
  moveInDate: isoDate.nullable().optional(),
});
/** Why a home stopped being this person's. */
export const OWNERSHIP_END_REASONS = ['resold', 'transferred', 'contract_cancelled', 'entered_by_mistake'] as const;
export type OwnershipEndReason = (typeof OWNERSHIP_END_REASONS)[number];
/** Ends an active ownership; `endedOn` defaults to today (China time), never in the future nor before the contract. */
export const endOwnershipBody = z.object({
  reason: z.enum(OWNERSHIP_END_REASONS),
  endedOn: isoDate.optional(),
  note: z.string().trim().max(200).nullable().optional(),
});
export const ownershipParams = z.object({ id: z.uuid(), ownershipId: z.uuid() });
/** How much of a home's price is paid (the club grants purchase points once it is fully paid). */
export const OWNERSHIP_PAYMENT_STATUSES = ['unpaid', 'partial', 'paid'] as const;
export type OwnershipPaymentStatus = (typeof OWNERSHIP_PAYMENT_STATUSES)[number];
export const setOwnershipPaymentBody = z.object({ paymentStatus: z.enum(OWNERSHIP_PAYMENT_STATUSES) });
export const addFamilyMemberBody = z.object({
  memberId: z.uuid(),
  relation: z.enum(FAMILY_RELATIONS),
  unitId: z.uuid().nullable().optional(),
  consentSource: z.string().trim().min(1).max(60),
});
export const addReferralBody = z.object({
  referredId: z.uuid(),
  projectId: z.uuid().nullable().optional(),
  outcome: z.enum(['referred', 'visited', 'bought']).default('referred'),
  note: z.string().trim().max(200).nullable().optional(),
});

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
/** Every kind of import: the roster and units, and each kind of history. */
/** `club_members`: bulk enrolment in the owners' club (issue 15). */
export const IMPORT_KINDS = ['units', 'customers', 'club_members', ...HISTORY_JOB_KINDS] as const;

export const importJob = z
  .object({
    id: z.uuid(),
    kind: z.enum(IMPORT_KINDS),
    status: z.enum(IMPORT_STATUSES),
    fileName: z.string(),
    total: z.number().int(),
    processed: z.number().int(),
    imported: z.number().int(),
    updated: z.number().int(),
    failed: z.number().int(),
    /** Download URL of the workbook listing each failed row with its reason, when failed > 0. */
    errorFileUrl: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: isoDateTime,
    finishedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'ImportJob' });
export type ImportJob = z.infer<typeof importJob>;

export const exportCustomersQuery = listCustomersQuery.omit({ cursor: true, limit: true }).extend({
  q: z.string().trim().max(40).optional(),
});
