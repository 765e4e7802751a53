import { and, desc, eq, gte } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { warrantyReminders } from './journey.tables.js';

type NewReminder = typeof warrantyReminders.$inferInsert;

/** The warranty-expiry reminders sent, one per unit, part, end day and owner. */
export class WarrantyReminderRepository {
  constructor(private readonly db: Executor) {}

  /** Writes the reminders not written yet; answers the ones this call wrote. */
  insert(rows: NewReminder[]) {
    if (rows.length === 0) return Promise.resolve([]);
    return this.db.insert(warrantyReminders).values(rows).onConflictDoNothing().returning({
      unitId: warrantyReminders.unitId,
      partCategory: warrantyReminders.partCategory,
      endsOn: warrantyReminders.endsOn,
      customerId: warrantyReminders.customerId,
    });
  }

  /** A person's reminders whose warranty has not ended yet, soonest first. */
  ofCustomer(customerId: string, today: string, limit = 50) {
    return this.db
      .select()
      .from(warrantyReminders)
      .where(and(eq(warrantyReminders.customerId, customerId), gte(warrantyReminders.endsOn, today)))
      .orderBy(warrantyReminders.endsOn, desc(warrantyReminders.sentAt))
      .limit(limit);
  }
}
