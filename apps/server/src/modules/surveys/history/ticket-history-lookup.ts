import type { Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';

/** A ticket as a history callback names it (by number). */
export type TicketRef = {
  id: string;
  projectId: string | null;
  unitId: string | null;
  orgPath: string;
  customerId: string | null;
};

/**
 * How history callbacks find their tickets by number: the tickets module (which comes after surveys and uses it)
 * provides the finder at start-up, so surveys reads no ticket table.
 */
export class TicketHistoryLookup {
  private finder: ((db: Executor, number: string) => Promise<TicketRef | null>) | null = null;

  use(finder: (db: Executor, number: string) => Promise<TicketRef | null>) {
    this.finder = finder;
  }

  byNumber(db: Executor, number: string): Promise<TicketRef | null> {
    if (!this.finder) throw new AppError('INTERNAL', { reason: 'no ticket finder registered' });
    return this.finder(db, number);
  }
}
