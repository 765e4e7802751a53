import type { HandoverDefectInput, HandoverRefusalReason } from '@anju/contracts/handover';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { TicketService } from '../../tickets/ticket.service.js';
import { HandoverRepository } from './handover.repository.js';
import type { HandoverAppointmentRow } from './handover.tables.js';

/** The refusal reasons in the words of the follow-up ticket (Chinese, as tickets are written). */
export const REFUSAL_ZH: Record<HandoverRefusalReason, string> = {
  quality_defects: '质量问题',
  not_as_promised: '与承诺不符',
  area_dispute: '面积争议',
  fees_dispute: '费用争议',
  documents_missing: '资料不全',
  other: '其他',
};

const ROOM_ZH: Record<HandoverDefectInput['room'], string> = {
  living_room: '客厅',
  bedroom: '卧室',
  kitchen: '厨房',
  bathroom: '卫生间',
  balcony: '阳台',
  study: '书房',
  entrance: '玄关',
  common_area: '公共区域',
  exterior: '外立面',
  other: '其他',
};

/** The same defect: same room, category and words (a re-sent inspection opens no second ticket for it). */
const defectKey = (d: { room: string; categoryCode: string; description: string }) =>
  `${d.room}|${d.categoryCode}|${d.description.trim()}`;

/** Thrown inside a ticket's transaction when another request linked the same defect first: that ticket is undone. */
class AlreadyLinked extends Error {}

/**
 * Opens a repair ticket (channel `handover`, the unit, room and category, the owner as customer) for each defect
 * of the appointment not linked before, through the tickets module's named command, and links it in
 * `handover_defects` in the ticket's own transaction. The link is written under the appointment's row lock after a
 * second look, so two requests sending the same defect at once open one ticket.
 */
export async function openDefects(
  db: Db,
  clock: Clock,
  tickets: TicketService,
  ctx: RequestContext,
  appointment: HandoverAppointmentRow,
  defects: HandoverDefectInput[],
) {
  const known = new Set((await new HandoverRepository(db).defects([appointment.id])).map(defectKey));
  for (const defect of defects) {
    const key = defectKey(defect);
    if (known.has(key)) continue;
    known.add(key);
    const description = defect.description.trim();
    await tickets
      .openFromInspection(
        ctx,
        {
          channel: 'handover',
          unitId: appointment.unitId,
          customerId: appointment.customerId,
          room: defect.room,
          categoryCode: defect.categoryCode,
          title: `交房验房：${ROOM_ZH[defect.room]} ${description}`.slice(0, 100),
          description,
        },
        async (tx, ticketId, number) => {
          const repo = new HandoverRepository(tx);
          await repo.lockAppointment(appointment.id);
          if ((await repo.defects([appointment.id])).some((d) => defectKey(d) === key)) throw new AlreadyLinked();
          await repo.insertDefect({
            appointmentId: appointment.id,
            batchId: appointment.batchId,
            room: defect.room,
            categoryCode: defect.categoryCode,
            description,
            photoFileIds: defect.photoFileIds,
            ticketId,
            ticketNumber: number,
            createdAt: clock.now(),
            createdBy: ctx.principal.userId,
          });
        },
      )
      .catch((err) => {
        if (!(err instanceof AlreadyLinked)) throw err;
      });
  }
}
