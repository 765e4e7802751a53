CREATE TABLE "quality_case_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"owner_name" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "quality_case_tasks_status_ck" CHECK ("quality_case_tasks"."status" in ('open','done'))
);
--> statement-breakpoint
CREATE TABLE "quality_case_tickets" (
	"case_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	"consent_at" timestamp with time zone,
	"consent_by" uuid,
	CONSTRAINT "quality_case_tickets_case_id_ticket_id_pk" PRIMARY KEY("case_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "quality_case_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"body" text,
	"data" jsonb,
	"actor_id" uuid,
	"actor_name" text
);
--> statement-breakpoint
CREATE TABLE "quality_group_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"company_id" uuid NOT NULL,
	"project_id" uuid,
	"org_path" text NOT NULL,
	"cluster_id" uuid,
	"owner_user_id" uuid NOT NULL,
	"owner_name" text NOT NULL,
	"deadline" date NOT NULL,
	"priority" text DEFAULT 'urgent' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"cause" text,
	"measures" text,
	"cost" numeric(12, 2),
	"lessons" text,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quality_group_cases_status_ck" CHECK ("quality_group_cases"."status" in ('open','closed'))
);
--> statement-breakpoint
ALTER TABLE "quality_case_tasks" ADD CONSTRAINT "quality_case_tasks_case_id_quality_group_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."quality_group_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_case_tickets" ADD CONSTRAINT "quality_case_tickets_case_id_quality_group_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."quality_group_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_case_updates" ADD CONSTRAINT "quality_case_updates_case_id_quality_group_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."quality_group_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quality_case_tasks_seq_uq" ON "quality_case_tasks" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "quality_case_tickets_ticket_idx" ON "quality_case_tickets" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "quality_case_updates_case_idx" ON "quality_case_updates" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_group_cases_number_uq" ON "quality_group_cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "quality_group_cases_created_idx" ON "quality_group_cases" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "quality_group_cases_cluster_uq" ON "quality_group_cases" USING btree ("cluster_id") WHERE "quality_group_cases"."cluster_id" is not null;