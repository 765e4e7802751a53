import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';

/** Request and response schemas of the value-added service catalogue (imported as '@anju/contracts/services'). */

/** Who does a step: a built-in role key, or the property company (not a platform role). */
export const SERVICE_STEP_ROLES = [
  'cr_specialist',
  'cr_manager',
  'sales_consultant',
  'club_staff',
  'department_staff',
  'property',
] as const;
export type ServiceStepRole = (typeof SERVICE_STEP_ROLES)[number];
/** Where a service is offered: every project of the group, chosen projects, or units of chosen product types. */
export const SERVICE_AVAILABILITY = ['all', 'projects', 'product_types'] as const;
export const SERVICE_REQUEST_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];
export const SERVICE_STEP_STATUSES = ['waiting', 'active', 'done', 'cancelled'] as const;
export const SERVICE_CHANNELS = ['portal', 'console'] as const;
/** The built-in callback survey at the end of a request (migration 0043). */
export const SERVICE_CALLBACK_SURVEY = 'service_callback';

const text = (max: number) => z.string().trim().min(1).max(max);
const longText = z.string().trim().max(2000);
const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/);

export const serviceStep = z.object({
  key: code,
  nameZh: text(60),
  nameEn: text(100),
  /** What the owner sees while the step runs and once it is done. */
  ownerTextZh: text(300),
  ownerTextEn: text(500),
  role: z.enum(SERVICE_STEP_ROLES),
  /** Working days the step may take before its clock warns, breaches and escalates. */
  limitDays: z.number().int().min(1).max(365),
});
export type ServiceStep = z.infer<typeof serviceStep>;

const definitionFields = {
  nameZh: text(60),
  nameEn: text(100),
  descriptionZh: longText.default(''),
  descriptionEn: longText.default(''),
  availability: z.enum(SERVICE_AVAILABILITY),
  projectIds: z.array(z.uuid()).max(500).default([]),
  productTypes: z.array(text(40)).max(50).default([]),
  /** null: free; else the fee in fen, with the company's own fee text. */
  feeFen: z.number().int().min(0).max(100_000_000).nullable(),
  feeTextZh: z.string().trim().max(200).default(''),
  feeTextEn: z.string().trim().max(300).default(''),
  membersOnly: z.boolean(),
  active: z.boolean(),
  steps: z.array(serviceStep).min(1).max(20),
  callbackSurvey: code.default(SERVICE_CALLBACK_SURVEY),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
};

/** Creates the service of this code (no version) or changes it (the version read; a stale one is 409). */
export const upsertServiceBody = z.object({ ...definitionFields, version: version.optional() });
export type UpsertServiceBody = z.output<typeof upsertServiceBody>;
export const serviceCodeParams = z.object({ code });

export const service = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  availability: z.enum(SERVICE_AVAILABILITY),
  projectIds: z.array(z.string()),
  productTypes: z.array(z.string()),
  feeFen: z.number().int().nullable(),
  feeTextZh: z.string(),
  feeTextEn: z.string(),
  membersOnly: z.boolean(),
  active: z.boolean(),
  steps: z.array(serviceStep),
  callbackSurvey: z.string(),
  sortOrder: z.number().int(),
  version: z.number().int(),
  updatedAt: isoDateTime,
});
export type Service = z.infer<typeof service>;
/** The catalogue in its order (sort order, then code), a page at a time; a catalogue fits one page of 100 today. */
export const listServicesQuery = z.object({
  active: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const serviceList = z.object({ items: z.array(service), nextCursor: z.string().nullable() });

export const serviceRequestStep = z.object({
  seq: z.number().int(),
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  ownerTextZh: z.string(),
  ownerTextEn: z.string(),
  role: z.enum(SERVICE_STEP_ROLES),
  limitDays: z.number().int(),
  status: z.enum(SERVICE_STEP_STATUSES),
  startedAt: isoDateTime.nullable(),
  doneAt: isoDateTime.nullable(),
  doneByName: z.string().nullable(),
  /** Staff's internal note. */
  note: z.string().nullable(),
  /** A note staff chose to show the owner. */
  ownerNote: z.string().nullable(),
  /** When the step's clock falls due (open steps). */
  dueAt: isoDateTime.nullable(),
});

export const serviceRequest = z.object({
  id: z.string(),
  number: z.string(),
  serviceId: z.string(),
  serviceCode: z.string(),
  serviceNameZh: z.string(),
  serviceNameEn: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  unitId: z.string(),
  unitCode: z.string().nullable(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  channel: z.enum(SERVICE_CHANNELS),
  note: z.string(),
  status: z.enum(SERVICE_REQUEST_STATUSES),
  currentStep: z.number().int().nullable(),
  stepCount: z.number().int(),
  feeFen: z.number().int().nullable(),
  createdAt: isoDateTime,
  doneAt: isoDateTime.nullable(),
  cancelledAt: isoDateTime.nullable(),
  cancelReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  /** Where the callback survey stands: none yet, pending, answered or ended otherwise. */
  callback: z.enum(['none', 'pending', 'answered', 'closed']),
  version: z.number().int(),
});
export type ServiceRequest = z.infer<typeof serviceRequest>;
export const serviceRequestDetail = serviceRequest.extend({ steps: z.array(serviceRequestStep) });
export type ServiceRequestDetail = z.infer<typeof serviceRequestDetail>;

export const listServiceRequestsQuery = pageQuery.extend({
  status: z.enum(SERVICE_REQUEST_STATUSES).optional(),
  serviceId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  customerId: z.uuid().optional(),
});

export const createServiceRequestBody = z.object({
  serviceId: z.uuid(),
  customerId: z.uuid(),
  unitId: z.uuid(),
  note: longText.default(''),
});

/** Completes the current step (`seq`, as read: another step or one already done is 409) and starts the next. */
export const advanceServiceRequestBody = z.object({
  seq: z.number().int().min(0).max(19),
  note: longText.optional(),
  ownerNote: longText.optional(),
});
export const cancelServiceRequestBody = z.object({ reason: text(500) });

/** Portal: the services offered for my homes. */
export const myService = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  feeFen: z.number().int().nullable(),
  feeTextZh: z.string(),
  feeTextEn: z.string(),
  membersOnly: z.boolean(),
  steps: z.array(z.object({ nameZh: z.string(), nameEn: z.string() })),
  /** My homes this service is offered for. */
  homes: z.array(z.object({ unitId: z.string(), unitCode: z.string(), projectName: z.string().nullable() })),
});
export type MyService = z.infer<typeof myService>;
export const myServices = z.object({ items: z.array(myService) });

export const requestMyServiceBody = z.object({ unitId: z.uuid(), note: longText.default('') });

/** Portal: one of my requests, each step in owner words and its state. */
export const myServiceRequest = z.object({
  id: z.string(),
  number: z.string(),
  serviceNameZh: z.string(),
  serviceNameEn: z.string(),
  unitCode: z.string().nullable(),
  status: z.enum(SERVICE_REQUEST_STATUSES),
  createdAt: isoDateTime,
  doneAt: isoDateTime.nullable(),
  cancelReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  canCancel: z.boolean(),
  canRate: z.boolean(),
  steps: z.array(
    z.object({
      nameZh: z.string(),
      nameEn: z.string(),
      ownerTextZh: z.string(),
      ownerTextEn: z.string(),
      state: z.enum(['done', 'in_progress', 'to_come', 'cancelled']),
      doneAt: isoDateTime.nullable(),
      ownerNote: z.string().nullable(),
    }),
  ),
});
export type MyServiceRequest = z.infer<typeof myServiceRequest>;
export const myServiceRequests = z.object({ items: z.array(myServiceRequest) });
export const rateMyServiceRequestBody = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).default(''),
});
export type MyServices = z.infer<typeof myServices>;
export type MyServiceRequests = z.infer<typeof myServiceRequests>;
