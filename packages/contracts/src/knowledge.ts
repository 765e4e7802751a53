import { z } from 'zod';
import { isoDateTime, version } from './common.js';
import { fileInfo } from './files.js';
import { ROOT_CAUSES } from './tickets.js';

/** Request and response schemas of the knowledge base of standard problems (imported as '@anju/contracts/knowledge'). */

/** `staff`: agents and engineers only; `owner`: also shown to owners in the portal as home care (家居保养). */
export const KNOWLEDGE_AUDIENCES = ['staff', 'owner'] as const;
export const KNOWLEDGE_STATUSES = ['draft', 'published'] as const;
export type KnowledgeAudience = (typeof KNOWLEDGE_AUDIENCES)[number];
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];

/** A likely cause of the problem with its class (the same codes as a ticket's root cause). */
export const knowledgeCause = z.object({
  text: z.string().trim().min(1).max(500),
  class: z.enum(ROOT_CAUSES),
});
export type KnowledgeCause = z.infer<typeof knowledgeCause>;

const articleFields = {
  /** Required: an empty title is refused with KNOWLEDGE_TITLE_REQUIRED (not a validation error). */
  title: z.string().trim().max(120),
  symptom: z.string().trim().max(2000).default(''),
  causes: z.array(knowledgeCause).max(10).default([]),
  fix: z.string().trim().max(4000).default(''),
  responsibleParty: z.string().trim().max(200).default(''),
  prevention: z.string().trim().max(2000).default(''),
  /** The tickets' defect category codes this problem belongs to. */
  categoryCodes: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  part: z.string().trim().max(60).default(''),
  audience: z.enum(KNOWLEDGE_AUDIENCES).default('staff'),
  status: z.enum(KNOWLEDGE_STATUSES).default('draft'),
};

/**
 * Creates an article (no id) or saves a new version of one (its id and the version read; a stale version is 409
 * VERSION_CONFLICT). `orgUnitId`: where a new article is placed (group-wide at the root, or a city company); the
 * writer's own node when left out. Every save is a new version.
 */
export const upsertKnowledgeArticleBody = z.object({
  id: z.uuid().optional(),
  version: version.optional(),
  orgUnitId: z.uuid().optional(),
  ...articleFields,
});
export type UpsertKnowledgeArticleBody = z.output<typeof upsertKnowledgeArticleBody>;

export const knowledgeArticle = z.object({
  id: z.uuid(),
  number: z.string(),
  orgUnitId: z.uuid(),
  orgUnitName: z.string().nullable(),
  title: z.string(),
  symptom: z.string(),
  causes: z.array(knowledgeCause),
  /** The class of the first cause: what a ticket closed with this article gets as its root cause. */
  primaryCause: z.enum(ROOT_CAUSES).nullable(),
  fix: z.string(),
  responsibleParty: z.string(),
  prevention: z.string(),
  categoryCodes: z.array(z.string()),
  part: z.string(),
  audience: z.enum(KNOWLEDGE_AUDIENCES),
  status: z.enum(KNOWLEDGE_STATUSES),
  photos: z.array(fileInfo),
  /** The current version (every save adds one); send it back with the next save. */
  version: z.number().int(),
  updatedAt: isoDateTime,
  updatedByName: z.string().nullable(),
});
export type KnowledgeArticle = z.infer<typeof knowledgeArticle>;

/** A search hit: the article's summary with its rank (higher is better). */
export const knowledgeHit = knowledgeArticle
  .pick({
    id: true,
    number: true,
    title: true,
    symptom: true,
    primaryCause: true,
    categoryCodes: true,
    part: true,
    audience: true,
    status: true,
    version: true,
    updatedAt: true,
  })
  .extend({ rank: z.number() });
export type KnowledgeHit = z.infer<typeof knowledgeHit>;

/** Search by words (Chinese segmented), filtered by category, audience and status; newest first without words. */
export const searchKnowledgeQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().trim().max(40).optional(),
  audience: z.enum(KNOWLEDGE_AUDIENCES).optional(),
  status: z.enum(KNOWLEDGE_STATUSES).optional(),
  /** Opaque: the next page of the same search. */
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchKnowledgeQuery = z.output<typeof searchKnowledgeQuery>;
export const knowledgeHits = z.object({ items: z.array(knowledgeHit), nextCursor: z.string().nullable() });

/** What an agent is typing at intake (or a closer sees): published articles only, the category boosts. */
export const suggestKnowledgeBody = z.object({
  title: z.string().trim().max(200).default(''),
  description: z.string().trim().max(4000).default(''),
  category: z.string().trim().max(40).optional(),
  limit: z.number().int().min(1).max(10).default(5),
});
export type SuggestKnowledgeBody = z.output<typeof suggestKnowledgeBody>;
export const knowledgeSuggestions = z.object({ items: z.array(knowledgeHit) });

/** Reads the current version, or an older one with `version`. */
export const getKnowledgeArticleQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const knowledgeVersion = z.object({
  version: z.number().int(),
  title: z.string(),
  status: z.enum(KNOWLEDGE_STATUSES),
  savedAt: isoDateTime,
  savedByName: z.string().nullable(),
});
export const knowledgeVersions = z.object({ items: z.array(knowledgeVersion) });

/** Home care (家居保养) in the owner portal: published owner-facing articles only. */
export const searchHomeCareQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export const homeCareArticle = knowledgeArticle.pick({
  id: true,
  title: true,
  symptom: true,
  fix: true,
  prevention: true,
  categoryCodes: true,
  part: true,
});
export type HomeCareArticle = z.infer<typeof homeCareArticle>;
export const homeCareArticles = z.object({ items: z.array(homeCareArticle) });
