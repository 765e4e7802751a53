import type { CodeParams, NotificationKind } from '@anju/contracts';
import type { Tx } from '../../platform/db/database.js';
import type { SlaClockRow } from './clock-rows.js';
import type { SweepStep } from './clock-times.js';

/** What the sweep needs to know of the subject of a due clock: where it sits, who handles it, what to call it. */
export type ClockSubjectInfo = {
  id: string;
  companyId: string;
  orgPath: string;
  /** The person handling the subject: warnings and breaches go to them (else to the ladder's first level). */
  assigneeUserId: string | null;
  /** A line of text the notice and SMS carry under the title (a ticket's title, a task's name). */
  title: string;
};

export type DueStep = Exclude<SweepStep, { kind: 'none' }>;

/** One step the sweep took on a clock, handed back to the subject's module to record. */
export type ClockStep = { subject: ClockSubjectInfo; clock: SlaClockRow; step: DueStep };

/** A staff notice of a step: its kind and parameters (rendered by the reader), the stored Chinese title, the link. */
export type ClockNotice = { kind: NotificationKind; params: CodeParams; titleZh: string; link: string };

/**
 * A kind of record with clocks, registered by the module that owns it (`ClockService.register`): how to find the
 * subjects of due clocks, what their notices say, and what a step means for the subject (timeline events, queue
 * fields) — all three with the whole page at once, in the sweep's transaction.
 */
export type ClockSubject = {
  type: string;
  describe(tx: Tx, ids: string[]): Promise<Map<string, ClockSubjectInfo>>;
  notice(subject: ClockSubjectInfo, clock: SlaClockRow, step: DueStep): ClockNotice;
  /** `subjectIds`: every subject whose clocks the sweep's page touched, with steps or not. */
  record(tx: Tx, steps: ClockStep[], subjectIds: string[]): Promise<void>;
};

/** The registered subject kinds, by type. */
export class ClockSubjects {
  private readonly byType = new Map<string, ClockSubject>();

  register(subject: ClockSubject) {
    if (this.byType.has(subject.type)) throw new Error(`clock subject ${subject.type} registered twice`);
    this.byType.set(subject.type, subject);
  }

  get(type: string): ClockSubject {
    const subject = this.byType.get(type);
    if (!subject) throw new Error(`clock subject ${type} is not registered`);
    return subject;
  }

  has(type: string) {
    return this.byType.has(type);
  }
}
