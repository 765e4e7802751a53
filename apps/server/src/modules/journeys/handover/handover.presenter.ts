import type { FileInfo } from '@anju/contracts';
import type {
  HandoverAppointment,
  HandoverInspectionItem,
  HandoverMeter,
  HandoverRefusalReason,
  HandoverSlot,
  HandoverStatus,
} from '@anju/contracts/handover';
import type { HandoverDefectRow } from './handover.repository.js';
import type { HandoverAppointmentRow, HandoverSlotRow } from './handover.tables.js';

/** What `refusal_reasons` holds: the reason codes and the follow-up ticket the refusal opened. */
export type StoredRefusal = {
  codes: HandoverRefusalReason[];
  followUp: { id: string; number: string } | null;
};
export type StoredItem = Required<Omit<HandoverInspectionItem, 'note'>> & { note: string | null };
export type StoredReading = { meter: HandoverMeter; reading: number };

export const presentSlot = (s: HandoverSlotRow): HandoverSlot => ({
  id: s.id,
  batchId: s.batchId,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  capacity: s.capacity,
  booked: s.booked,
  version: s.version,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentAppointment(
  a: HandoverAppointmentRow,
  names: { unit: Map<string, string>; customer: Map<string, string>; slot: Map<string, HandoverSlotRow> },
): HandoverAppointment {
  const slot = a.slotId ? names.slot.get(a.slotId) : undefined;
  const refusal = a.refusalReasons as StoredRefusal | null;
  return {
    id: a.id,
    batchId: a.batchId,
    projectId: a.projectId,
    unitId: a.unitId,
    unitCode: names.unit.get(a.unitId) ?? null,
    customerId: a.customerId,
    customerName: names.customer.get(a.customerId) ?? null,
    slotId: a.slotId,
    slotStartsAt: iso(slot?.startsAt ?? null),
    slotEndsAt: iso(slot?.endsAt ?? null),
    status: a.status as HandoverStatus,
    bookedVia: a.bookedVia as 'portal' | 'console',
    bookedAt: a.bookedAt.toISOString(),
    checkedInAt: iso(a.checkedInAt),
    inspection: (a.inspection as StoredItem[] | null)?.map((i) => ({ ...i, note: i.note ?? undefined })) ?? null,
    meterReadings: a.meterReadings as StoredReading[] | null,
    keysHanded: a.keysHanded,
    feesAcknowledgedAt: iso(a.feesAcknowledgedAt),
    signedAt: iso(a.signedAt),
    signatureFileId: a.signatureFileId,
    refusedAt: iso(a.refusedAt),
    refusalReasons: refusal?.codes ?? null,
    refusalNote: a.refusalNote,
    followUpTicket: refusal?.followUp ?? null,
    version: a.version,
  };
}

export function presentDefect(d: HandoverDefectRow, files: Map<string, FileInfo>) {
  return {
    id: d.id,
    room: d.room as HandoverInspectionItem['room'],
    categoryCode: d.categoryCode,
    description: d.description,
    photos: (d.photoFileIds as string[]).flatMap((id) => {
      const f = files.get(id);
      return f ? [f] : [];
    }),
    ticketId: d.ticketId,
    ticketNumber: d.ticketNumber,
    createdAt: d.createdAt.toISOString(),
  };
}
