CREATE TABLE "journey_template_versions" (
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_template_versions_template_id_version_pk" PRIMARY KEY("template_id","version")
);
--> statement-breakpoint
CREATE TABLE "journey_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"steps" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "journey_template_versions" ADD CONSTRAINT "journey_template_versions_template_id_journey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."journey_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "journey_templates_company_key_uq" ON "journey_templates" USING btree ("company_id","key");--> statement-breakpoint
-- The built-in roles gain the journey permissions of their default sets (contracts permissions.ts); roles an admin
-- created are left as they are.
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || CASE "key"
    WHEN 'system_admin' THEN ARRAY['journeys.read','journeys.manage','journeys.work']
    WHEN 'cr_manager' THEN ARRAY['journeys.read','journeys.manage','journeys.work']
    WHEN 'cr_specialist' THEN ARRAY['journeys.read','journeys.work']
    WHEN 'sales_consultant' THEN ARRAY['journeys.read','journeys.work']
    WHEN 'department_staff' THEN ARRAY['journeys.read','journeys.work']
    WHEN 'executive' THEN ARRAY['journeys.read']
    ELSE ARRAY[]::text[] END) AS p ORDER BY p)
WHERE "builtin";
