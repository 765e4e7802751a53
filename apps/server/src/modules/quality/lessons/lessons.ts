import type { Platform } from '../../../platform/modules.js';
import type { AcceptanceService } from '../../journeys/acceptance/acceptance.service.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { LessonService, type LessonSources } from './lesson.service.js';

/**
 * The lessons register, and its checklist source: every accepted lesson is checked in the simulated acceptance of
 * the projects it applies to (journeys asks; it reads no quality table).
 */
export function createLessons(
  platform: Platform,
  directory: OrgDirectory,
  acceptance: AcceptanceService,
  sources: LessonSources,
) {
  const lessons = new LessonService(platform.db, platform.audit, platform.clock, directory, sources);
  acceptance.checklistSources.register((db, target) => lessons.checklistFor(db, target));
  return lessons;
}
