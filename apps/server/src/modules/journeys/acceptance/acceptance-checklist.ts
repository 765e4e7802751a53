import type { AcceptanceChecklistItem } from '@anju/contracts/acceptance';
import type { Executor } from '../../../platform/db/database.js';

/** The project whose batch is inspected, and the moment its checklist stands at (the delivery, or now). */
export type ChecklistTarget = { projectId: string; projectPath: string; companyId: string; asOf: Date };
export type ChecklistSource = (db: Executor, target: ChecklistTarget) => Promise<AcceptanceChecklistItem[]>;

/**
 * Checklist items other modules add to a batch's simulated acceptance (decisions: acceptance checklist sources).
 * Journeys reads no other module's tables: a later module (quality's lessons learned) registers a source that
 * answers the items for a project, the way property asks registered delivery guards.
 */
export class AcceptanceChecklistSources {
  private readonly sources: ChecklistSource[] = [];

  register(source: ChecklistSource): void {
    this.sources.push(source);
  }

  async itemsFor(db: Executor, target: ChecklistTarget): Promise<AcceptanceChecklistItem[]> {
    const items: AcceptanceChecklistItem[] = [];
    for (const source of this.sources) items.push(...(await source(db, target)));
    return items;
  }
}
