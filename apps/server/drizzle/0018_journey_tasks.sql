CREATE TABLE "journey_subjects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"company_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"batch_id" uuid,
	"unit_id" uuid,
	"customer_id" uuid,
	"anchors" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"since" date NOT NULL,
	"next_plan_on" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_subjects_kind_ck" CHECK ("journey_subjects"."kind" in ('household','batch'))
);
--> statement-breakpoint
CREATE TABLE "journey_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_kind" text NOT NULL,
	"company_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"batch_id" uuid,
	"unit_id" uuid,
	"customer_id" uuid,
	"template_id" uuid NOT NULL,
	"template_version" integer NOT NULL,
	"step_key" text NOT NULL,
	"occurrence" smallint NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"performer" text NOT NULL,
	"anchor_used" text NOT NULL,
	"anchor_date" date NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"notes" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"checklist" jsonb,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_tasks_status_ck" CHECK ("journey_tasks"."status" in ('open','done','cancelled')),
	CONSTRAINT "journey_tasks_kind_ck" CHECK ("journey_tasks"."subject_kind" in ('household','batch'))
);
--> statement-breakpoint
CREATE INDEX "journey_subjects_plan_idx" ON "journey_subjects" USING btree ("next_plan_on") WHERE "journey_subjects"."next_plan_on" is not null;--> statement-breakpoint
CREATE INDEX "journey_subjects_batch_idx" ON "journey_subjects" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journey_tasks_step_uq" ON "journey_tasks" USING btree ("subject_id","template_id","step_key","occurrence");--> statement-breakpoint
CREATE INDEX "journey_tasks_queue_idx" ON "journey_tasks" USING btree ("org_path" text_pattern_ops,"status","due_date","id");