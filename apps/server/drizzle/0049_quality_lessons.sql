CREATE TABLE "quality_lessons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"problem" text NOT NULL,
	"analysis" text DEFAULT '' NOT NULL,
	"department" text NOT NULL,
	"improvement" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"steps" jsonb NOT NULL,
	"applies_to" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"source" text NOT NULL,
	"case_id" uuid,
	"cluster_id" uuid,
	"source_project_id" uuid,
	"accepted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "quality_lessons_status_ck" CHECK ("quality_lessons"."status" in ('proposed','accepted','applied_to_standard','verified_on_new_project','rejected')),
	CONSTRAINT "quality_lessons_department_ck" CHECK ("quality_lessons"."department" in ('design','engineering','procurement','marketing','property')),
	CONSTRAINT "quality_lessons_source_ck" CHECK ("quality_lessons"."source" in ('case','cluster','manual'))
);
--> statement-breakpoint
CREATE INDEX "quality_lessons_created_idx" ON "quality_lessons" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "quality_lessons_org_accepted_idx" ON "quality_lessons" USING btree ("org_unit_id","accepted_at") WHERE "quality_lessons"."accepted_at" is not null and "quality_lessons"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "quality_lessons_case_idx" ON "quality_lessons" USING btree ("case_id") WHERE "quality_lessons"."case_id" is not null;