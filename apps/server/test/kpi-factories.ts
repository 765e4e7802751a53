import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { customers, ownerships } from '../src/modules/customers/customer.tables.js';
import { handoverAppointments, propertyHandovers } from '../src/modules/journeys/handover/handover.tables.js';
import { openDayItems, openDays } from '../src/modules/journeys/open-days/open-day.tables.js';
import type { OrgUnitRow } from '../src/modules/org/org.tables.js';
import {
  buildings,
  deliveryBatches,
  productTypes,
  projects,
  propertyVisits,
  units,
} from '../src/modules/property/property.tables.js';
import { slaClocks } from '../src/modules/sla/sla.tables.js';
import { surveyAnswers, surveyRequests, surveys } from '../src/modules/surveys/surveys.tables.js';
import { ticketEvents, tickets, workOrders } from '../src/modules/tickets/ticket.tables.js';
import type { TestApp } from './harness.js';

/** China local time `2026-10-05 09:00` (or a day, at 09:00) as an instant. */
export const at = (s: string) => new Date(`${s.length === 10 ? `${s} 09:00` : s}:00+08:00`.replace(' ', 'T'));

let seq = 0;

/**
 * Records of a KPI scenario written straight into their tables, with the times the scenario gives: a project's
 * buildings, batches, units and owners, tickets with their status history and clocks, callbacks, open days,
 * hand-overs and visits. The engine's tests compare its figures with those a person counts from the same records.
 */
export class KpiWorld {
  constructor(
    readonly t: TestApp,
    readonly company: OrgUnitRow,
    readonly project: OrgUnitRow,
  ) {}

  async building(code: string, phase: string) {
    await this.t.db.insert(projects).values({ orgUnitId: this.project.id }).onConflictDoNothing();
    const [row] = await this.t.db
      .insert(buildings)
      .values({ projectId: this.project.id, code, name: `${code}号楼`, phase })
      .returning();
    return row as typeof buildings.$inferSelect;
  }

  async productType(code: string) {
    await this.t.db.insert(productTypes).values({ projectId: this.project.id, code, name: code }).onConflictDoNothing();
  }

  async batch(name: string, dates: { plannedDate?: string; actualDate?: string; areaReportDate?: string }) {
    await this.t.db.insert(projects).values({ orgUnitId: this.project.id }).onConflictDoNothing();
    const [row] = await this.t.db
      .insert(deliveryBatches)
      .values({ projectId: this.project.id, name, ...dates })
      .returning();
    return row as typeof deliveryBatches.$inferSelect;
  }

  async unit(
    building: { id: string; code: string },
    batch: { id: string; actualDate: string | null } | null,
    extra: {
      finish?: 'bare' | 'finished';
      productType?: string;
      layout?: string;
      area?: number;
      surveyedArea?: number;
    } = {},
  ) {
    seq++;
    if (extra.productType) await this.productType(extra.productType);
    const [row] = await this.t.db
      .insert(units)
      .values({
        projectId: this.project.id,
        buildingId: building.id,
        code: `${building.code}-1-${String(100 + seq)}`,
        floor: 1,
        room: String(100 + seq),
        finish: extra.finish ?? 'finished',
        productType: extra.productType ?? null,
        layout: extra.layout ?? null,
        area: extra.area ?? null,
        surveyedArea: extra.surveyedArea ?? null,
        status: batch?.actualDate ? 'delivered' : 'sold',
        deliveryBatchId: batch?.id ?? null,
        deliveredOn: batch?.actualDate ?? null,
      })
      .returning();
    return row as typeof units.$inferSelect;
  }

  /** An owner of the unit with these ownership dates; `signedOn`: the hand-over signed that day. */
  async owner(
    unit: { id: string; deliveryBatchId: string | null },
    dates: { deliveryDate?: string; moveInDate?: string; signedOn?: string },
  ) {
    const [customer] = await this.t.db
      .insert(customers)
      .values({ name: `业主${++seq}` })
      .returning();
    const [ownership] = await this.t.db
      .insert(ownerships)
      .values({
        customerId: customer?.id as string,
        unitId: unit.id,
        contractDate: '2025-01-01',
        deliveryDate: dates.deliveryDate ?? null,
        moveInDate: dates.moveInDate ?? null,
      })
      .returning();
    if (dates.signedOn)
      await this.t.db.insert(handoverAppointments).values({
        batchId: unit.deliveryBatchId as string,
        projectId: this.project.id,
        orgPath: this.project.path,
        unitId: unit.id,
        ownershipId: ownership?.id as string,
        customerId: customer?.id as string,
        status: 'signed',
        bookedVia: 'console',
        bookedAt: at(dates.signedOn),
        signedAt: at(dates.signedOn),
        createdAt: at(dates.signedOn),
        updatedAt: at(dates.signedOn),
      });
    return customer?.id as string;
  }

  /**
   * A ticket reported at `reported`, with its status history: [[time, status], …] after `created` (the last one is
   * its status now).
   */
  async ticket(opts: {
    type?: 'repair' | 'complaint';
    unit?: { id: string } | null;
    reported: string;
    history?: [string, string][];
    category?: string;
    leak?: boolean;
    drawingMismatch?: boolean;
    mergedInto?: string;
    room?: string;
    rootCause?: 'design' | 'material' | 'workmanship' | 'owner_misuse' | 'other';
    responsibleOrgId?: string;
  }) {
    const history = opts.history ?? [];
    const status = history.at(-1)?.[1] ?? 'processing';
    const closed = [...history].reverse().find(([, s]) => s === 'closed' || s === 'completed');
    const id = randomUUID();
    await this.t.db.insert(tickets).values({
      id,
      number: `KT${++seq}`,
      type: opts.type ?? 'repair',
      channel: 'hotline',
      status,
      title: '测试工单',
      unitId: opts.unit?.id ?? null,
      projectId: this.project.id,
      companyId: this.company.id,
      orgPath: this.project.path,
      categoryCode: opts.category ?? 'walls',
      leak: opts.leak ?? false,
      drawingMismatch: opts.drawingMismatch ?? false,
      room: opts.room ?? null,
      rootCause: opts.rootCause ?? null,
      responsibleOrgId: opts.responsibleOrgId ?? null,
      mergedInto: opts.mergedInto ?? null,
      inspectionRequired: false,
      reportedAt: at(opts.reported),
      closedAt: closed && (status === 'closed' || status === 'completed') ? at(closed[0]) : null,
      createdAt: at(opts.reported),
      updatedAt: at(opts.reported),
    });
    await this.t.db.insert(ticketEvents).values([
      { ticketId: id, at: at(opts.reported), kind: 'created', toStatus: 'dispatch' },
      ...history.map(([when, to], i) => ({
        ticketId: id,
        at: at(when),
        kind: 'transition',
        fromStatus: history[i - 1]?.[1] ?? 'dispatch',
        toStatus: to,
      })),
    ]);
    return id;
  }

  /** A clock of a ticket held by `holder`, due at `due`, stopped at `stopped` (null: running). */
  async clock(
    ticketId: string,
    holder: { id: string } | null,
    due: string,
    stopped: string | null,
    node = 'processing',
  ) {
    const dueAt = at(due);
    const stoppedAt = stopped ? at(stopped) : null;
    const [row] = await this.t.db
      .insert(slaClocks)
      .values({
        subjectType: 'ticket',
        subjectId: ticketId,
        node,
        mode: 'calendar',
        limitMinutes: 60,
        warnPercent: 80,
        ladder: [],
        startedAt: new Date(dueAt.getTime() - 3_600_000),
        warnAt: dueAt,
        dueAt,
        stoppedAt,
        outcome: stoppedAt ? (stoppedAt <= dueAt ? 'met' : 'breached') : null,
        orgPath: this.project.path,
        holderOrgId: holder?.id ?? null,
      })
      .returning();
    return row?.id as string;
  }

  private async survey(kind: string) {
    const code = `test_${kind}`;
    await this.t.db.execute(sql`insert into surveys (code, kind, name_zh, created_at, updated_at)
      values (${code}, ${kind}, ${code}, now(), now()) on conflict (code) do nothing`);
    const [row] = await this.t.db.select().from(surveys).where(sql`${surveys.code} = ${code}`);
    return row?.id as string;
  }

  /** A callback answered (score) or not (null) at `when`, about a ticket or a unit. */
  async callback(
    kind: 'repair_callback' | 'sales_callback' | 'design_callback',
    about: { ticketId?: string; unitId?: string },
    score: number | null,
    when: string,
  ) {
    await this.t.db.insert(surveyRequests).values({
      surveyId: await this.survey(kind),
      surveyVersion: 1,
      kind,
      subjectType: about.ticketId ? 'ticket' : 'unit',
      subjectId: about.ticketId ?? about.unitId ?? null,
      unitId: about.unitId ?? null,
      projectId: this.project.id,
      companyId: this.company.id,
      orgPath: this.project.path,
      channel: 'phone',
      status: score === null ? 'unanswered' : 'answered',
      score,
      recordedAt: at(when),
      createdAt: at(when),
    });
  }

  /** An answered survey of a kind with its answers by question key (dimension = key for the annual survey). */
  async answered(
    kind: 'annual' | 'repair_callback',
    when: string,
    scores: Record<string, number>,
    extra: { stage?: string; service?: string } = {},
  ) {
    const [request] = await this.t.db
      .insert(surveyRequests)
      .values({
        surveyId: await this.survey(kind),
        surveyVersion: 1,
        kind,
        subjectType: 'unit',
        projectId: this.project.id,
        companyId: this.company.id,
        orgPath: this.project.path,
        channel: 'phone',
        status: 'answered',
        stage: extra.stage ?? null,
        service: extra.service ?? null,
        recordedAt: at(when),
        createdAt: at(when),
      })
      .returning();
    await this.t.db.insert(surveyAnswers).values(
      Object.entries(scores).map(([key, score]) => ({
        requestId: request?.id as string,
        questionKey: key,
        dimension: kind === 'annual' ? key : null,
        score,
      })),
    );
  }

  async propertyHandover(batchId: string, on: string, rating?: { timely: boolean; complete: boolean; at: string }) {
    await this.t.db.insert(propertyHandovers).values({
      batchId,
      projectId: this.project.id,
      orgPath: this.project.path,
      handedOverOn: on,
      items: [],
      recordedAt: at(on),
      timely: rating?.timely ?? null,
      complete: rating?.complete ?? null,
      ratedAt: rating ? at(rating.at) : null,
    });
  }

  async openDay(heldOn: string, items: { kind: 'suggestion' | 'issue'; status: string; doneAt?: string }[]) {
    const [day] = await this.t.db
      .insert(openDays)
      .values({
        projectId: this.project.id,
        orgPath: this.project.path,
        title: '开放日',
        heldOn,
        startsAt: at(heldOn),
        endsAt: at(`${heldOn} 17:00`),
        status: 'held',
        createdAt: at(heldOn),
        updatedAt: at(heldOn),
      })
      .returning();
    for (const item of items)
      await this.t.db.insert(openDayItems).values({
        openDayId: day?.id as string,
        projectId: this.project.id,
        orgPath: this.project.path,
        kind: item.kind,
        categoryCode: 'other',
        content: '建议',
        status: item.status,
        answeredAt: item.kind === 'suggestion' && item.doneAt ? at(item.doneAt) : null,
        verifiedAt: item.kind === 'issue' && item.doneAt ? at(item.doneAt) : null,
        createdAt: at(heldOn),
        updatedAt: at(heldOn),
      });
  }

  async visit(unitId: string, on: string) {
    await this.t.db.insert(propertyVisits).values({
      projectId: this.project.id,
      unitId,
      visitorName: '物业管家',
      visitedOn: on,
      orgPath: this.project.path,
      createdAt: at(on),
    });
  }

  async workOrder(ticketId: string, dept: OrgUnitRow, due: string, confirmed: string | null) {
    await this.t.db.insert(workOrders).values({
      ticketId,
      seq: ++seq,
      title: '整改措施',
      assigneeOrgId: dept.id,
      assigneeOrgType: dept.type,
      status: confirmed ? 'confirmed' : 'open',
      dueAt: at(due),
      confirmedAt: confirmed ? at(confirmed) : null,
      orgPath: this.project.path,
      createdAt: at(due),
      updatedAt: at(due),
    });
  }
}
