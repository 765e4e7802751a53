import type { Lesson } from '@anju/contracts/lessons';
import type { LessonRow, LessonStepRecord } from './lesson.tables.js';

export type LessonLabels = { names: Map<string, string>; people: Map<string, string> };

export function presentLesson(r: LessonRow, { names, people }: LessonLabels): Lesson {
  const name = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return {
    id: r.id,
    orgUnitId: r.orgUnitId,
    orgUnitName: names.get(r.orgUnitId) ?? '',
    problem: r.problem,
    analysis: r.analysis,
    department: r.department as Lesson['department'],
    improvement: r.improvement,
    status: r.status as Lesson['status'],
    steps: (r.steps as LessonStepRecord[]).map((s) => ({
      status: s.status as Lesson['status'],
      at: s.at,
      byName: name(s.by),
    })),
    appliesTo: r.appliesTo.map((id) => ({ id, name: names.get(id) ?? '' })),
    source: r.source as Lesson['source'],
    caseId: r.caseId,
    clusterId: r.clusterId,
    sourceProjectId: r.sourceProjectId,
    sourceProjectName: r.sourceProjectId ? (names.get(r.sourceProjectId) ?? null) : null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    createdByName: name(r.createdBy),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}
