/** An interaction event as K18 counts it: its id and its project. */
export type InteractionEvent = { id: string; projectId: string };

/**
 * Inputs of the KPI engine that other modules own, registered by them at start-up (the club registers its
 * interaction events for K18) so the analytics module reads them through their services, never their tables.
 * Without a source the KPI counts nothing.
 */
export class KpiFactSources {
  private interactionsOf: (from: Date, to: Date) => Promise<InteractionEvent[]> = async () => [];

  /** The property company's interaction events held (not cancelled) that started in [from, to). */
  registerInteractions(source: (from: Date, to: Date) => Promise<InteractionEvent[]>) {
    this.interactionsOf = source;
  }

  interactions(from: Date, to: Date): Promise<InteractionEvent[]> {
    return this.interactionsOf(from, to);
  }
}
