CREATE TABLE "knowledge_article_versions" (
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"saved_by" uuid,
	"saved_by_name" text,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "knowledge_article_versions_article_id_version_pk" PRIMARY KEY("article_id","version")
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"symptom" text DEFAULT '' NOT NULL,
	"causes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"primary_cause" text,
	"fix" text DEFAULT '' NOT NULL,
	"responsible_party" text DEFAULT '' NOT NULL,
	"prevention" text DEFAULT '' NOT NULL,
	"category_codes" text[] DEFAULT '{}' NOT NULL,
	"part" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT 'staff' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"search" "tsvector" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	"updated_by_name" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "knowledge_articles_audience_ck" CHECK ("knowledge_articles"."audience" in ('staff','owner')),
	CONSTRAINT "knowledge_articles_status_ck" CHECK ("knowledge_articles"."status" in ('draft','published')),
	CONSTRAINT "knowledge_articles_cause_ck" CHECK ("knowledge_articles"."primary_cause" is null or "knowledge_articles"."primary_cause" in ('design','material','workmanship','owner_misuse','other'))
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "knowledge_article_id" uuid;--> statement-breakpoint
ALTER TABLE "knowledge_article_versions" ADD CONSTRAINT "knowledge_article_versions_article_id_knowledge_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."knowledge_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_articles_number_uq" ON "knowledge_articles" USING btree ("number");--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_idx" ON "knowledge_articles" USING gin ("search");--> statement-breakpoint
CREATE INDEX "knowledge_articles_categories_idx" ON "knowledge_articles" USING gin ("category_codes");--> statement-breakpoint
CREATE INDEX "knowledge_articles_scope_idx" ON "knowledge_articles" USING btree ("org_path" text_pattern_ops,"updated_at" DESC NULLS LAST,"id");--> statement-breakpoint
-- The built-in roles gain the knowledge permissions as their default sets give them (contracts permissions.ts).
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || CASE "key"
    WHEN 'system_admin' THEN ARRAY['knowledge.read', 'knowledge.manage']
    WHEN 'cr_manager' THEN ARRAY['knowledge.read', 'knowledge.manage']
    WHEN 'cr_specialist' THEN ARRAY['knowledge.read']
    WHEN 'hotline_agent' THEN ARRAY['knowledge.read']
    WHEN 'repair_coordinator' THEN ARRAY['knowledge.read']
    WHEN 'department_staff' THEN ARRAY['knowledge.read']
    WHEN 'executive' THEN ARRAY['knowledge.read']
    ELSE ARRAY[]::text[] END) AS p ORDER BY p)
WHERE "builtin";
