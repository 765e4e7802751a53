import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A company's journey template (the 6+2 steps, Pulte's 7, or its own), current version. `steps` is the step list
 * (contracts `journeyStep`); each edit writes the next version here and keeps every version in
 * `journey_template_versions`, so tasks generated from an older version still find their step.
 */
export const journeyTemplates = pgTable(
  'journey_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    key: text('key').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    steps: jsonb('steps').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('journey_templates_company_key_uq').on(t.companyId, t.key)],
);

export const journeyTemplateVersions = pgTable(
  'journey_template_versions',
  {
    templateId: uuid('template_id')
      .notNull()
      .references(() => journeyTemplates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    steps: jsonb('steps').notNull(),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.version] })],
);

export type JourneyTemplateRow = typeof journeyTemplates.$inferSelect;
