import type { HomeCareArticle, KnowledgeArticle, KnowledgeHit } from '@anju/contracts/knowledge';
import { presentFile } from '../../platform/files/files.presenter.js';
import type { FileRow } from '../../platform/files/files.service.js';
import type { HitRow } from './knowledge.repository.js';
import type { KnowledgeArticleRow, KnowledgeVersionRow } from './knowledge.tables.js';

/** Row → API shape (rows are never returned as they are). */
export const presentArticle = (
  row: KnowledgeArticleRow,
  orgUnitName: string | null,
  photos: FileRow[],
): KnowledgeArticle => ({
  id: row.id,
  number: row.number,
  orgUnitId: row.orgUnitId,
  orgUnitName,
  title: row.title,
  symptom: row.symptom,
  causes: row.causes,
  primaryCause: row.primaryCause as KnowledgeArticle['primaryCause'],
  fix: row.fix,
  responsibleParty: row.responsibleParty,
  prevention: row.prevention,
  categoryCodes: row.categoryCodes,
  part: row.part,
  audience: row.audience as KnowledgeArticle['audience'],
  status: row.status as KnowledgeArticle['status'],
  photos: photos.map(presentFile),
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
  updatedByName: row.updatedByName,
});

export const presentHit = (row: HitRow): KnowledgeHit => ({
  id: row.id,
  number: row.number,
  title: row.title,
  symptom: row.symptom,
  primaryCause: row.primaryCause as KnowledgeHit['primaryCause'],
  categoryCodes: row.categoryCodes,
  part: row.part,
  audience: row.audience as KnowledgeHit['audience'],
  status: row.status as KnowledgeHit['status'],
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
  rank: Math.round(row.rank * 10_000) / 10_000,
});

export const presentVersion = (row: KnowledgeVersionRow) => ({
  version: row.version,
  title: row.content.title,
  status: row.content.status,
  savedAt: row.savedAt.toISOString(),
  savedByName: row.savedByName,
});

/** What an owner reads: the problem, what to do and how to prevent it; nothing of causes or who is answerable. */
export const presentHomeCare = (row: KnowledgeArticleRow): HomeCareArticle => ({
  id: row.id,
  title: row.title,
  symptom: row.symptom,
  fix: row.fix,
  prevention: row.prevention,
  categoryCodes: row.categoryCodes,
  part: row.part,
});
