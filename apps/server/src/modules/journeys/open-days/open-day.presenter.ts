import type { FileInfo } from '@anju/contracts';
import type { OpenDay, OpenDayItem, OpenDayKpis, OpenDayRate, OpenDayRegistration } from '@anju/contracts/open-days';
import type { OpenDayCounts, OpenDayRegistrationRow } from './open-day.repository.js';
import type { OpenDayItemRow, OpenDayRow } from './open-day.tables.js';

/** done ÷ total; a zero denominator is "no data" (null), neither met nor missed (KPIS.md conventions). */
export const rateOf = (done: number, total: number): OpenDayRate => ({
  done,
  total,
  rate: total === 0 ? null : done / total,
});

/**
 * K5 open-day suggestion reply rate: suggestions with an answer delivered to the owner ÷ suggestions collected.
 * K6 open-day rectification rate: issues rectified and verified ÷ issues found.
 */
export const kpisOf = (c: Pick<OpenDayCounts, 'suggestions' | 'answered' | 'issues' | 'verified'>): OpenDayKpis => ({
  replyRate: rateOf(c.answered, c.suggestions),
  rectificationRate: rateOf(c.verified, c.issues),
});

export const presentOpenDay = (row: OpenDayRow, counts: OpenDayCounts, projectName: string | null): OpenDay => ({
  id: row.id,
  projectId: row.projectId,
  projectName,
  batchId: row.batchId,
  title: row.title,
  heldOn: row.heldOn,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  location: row.location,
  capacity: row.capacity,
  registered: row.registered,
  registrations: counts.registrations,
  checkedIn: counts.checkedIn,
  status: row.status as OpenDay['status'],
  invitedAt: row.invitedAt?.toISOString() ?? null,
  version: row.version,
  kpis: kpisOf(counts),
});

export const presentRegistration = (
  r: OpenDayRegistrationRow,
  names: { customer: Map<string, string>; unit: Map<string, string> },
): OpenDayRegistration => ({
  id: r.id,
  customerId: r.customerId,
  customerName: names.customer.get(r.customerId) ?? null,
  unitId: r.unitId,
  unitCode: r.unitId ? (names.unit.get(r.unitId) ?? null) : null,
  via: r.via as OpenDayRegistration['via'],
  partySize: r.partySize,
  registeredAt: r.registeredAt.toISOString(),
  checkedInAt: r.checkedInAt?.toISOString() ?? null,
});

export const photoIdsOf = (row: OpenDayItemRow) =>
  (Array.isArray(row.photoFileIds) ? row.photoFileIds : []) as string[];

export const presentItem = (
  i: OpenDayItemRow,
  names: Map<string, string>,
  photos: Map<string, FileInfo>,
): OpenDayItem => ({
  id: i.id,
  openDayId: i.openDayId,
  kind: i.kind as OpenDayItem['kind'],
  customerId: i.customerId,
  customerName: i.customerId ? (names.get(i.customerId) ?? null) : null,
  unitId: i.unitId,
  categoryCode: i.categoryCode as OpenDayItem['categoryCode'],
  content: i.content,
  photos: photoIdsOf(i).flatMap((id) => {
    const f = photos.get(id);
    return f ? [f] : [];
  }),
  status: i.status as OpenDayItem['status'],
  answer: i.status === 'answered' ? i.answer : null,
  answeredAt: i.answeredAt?.toISOString() ?? null,
  rectificationNote: i.rectificationNote,
  rectifiedAt: i.rectifiedAt?.toISOString() ?? null,
  verifiedAt: i.verifiedAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
  version: i.version,
});
