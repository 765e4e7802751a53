CREATE TABLE "award_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"award" text NOT NULL,
	"year" integer NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"awarded_on" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_facts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"kpi" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"scope_id" uuid NOT NULL,
	"scope_path" text NOT NULL,
	"company_id" uuid,
	"batch_id" uuid,
	"product_type" text,
	"finish" text,
	"category" text,
	"numerator" numeric(14, 4) NOT NULL,
	"denominator" numeric(14, 4) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period" text NOT NULL,
	"batch_key" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"current" boolean DEFAULT false NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"reason" text,
	"requested_by" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "kpi_runs_state_ck" CHECK ("kpi_runs"."state" in ('provisional','closed')),
	CONSTRAINT "kpi_runs_status_ck" CHECK ("kpi_runs"."status" in ('running','done','failed'))
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"company_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kpi" text NOT NULL,
	"target" numeric(14, 4) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_targets_company_id_year_kpi_pk" PRIMARY KEY("company_id","year","kpi")
);
--> statement-breakpoint
CREATE TABLE "kpi_values" (
	"run_id" uuid NOT NULL,
	"kpi" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"batch_key" text DEFAULT '' NOT NULL,
	"numerator" numeric(14, 4) NOT NULL,
	"denominator" numeric(14, 4) NOT NULL,
	"value" numeric(14, 6),
	"target" numeric(14, 4),
	"met" boolean,
	CONSTRAINT "kpi_values_run_id_kpi_scope_id_batch_key_pk" PRIMARY KEY("run_id","kpi","scope_id","batch_key")
);
--> statement-breakpoint
CREATE TABLE "product_types" (
	"project_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_types_project_id_code_pk" PRIMARY KEY("project_id","code")
);
--> statement-breakpoint
CREATE TABLE "property_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"customer_id" uuid,
	"visitor_user_id" uuid,
	"visitor_name" text NOT NULL,
	"visited_on" date NOT NULL,
	"issues" text DEFAULT '' NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"org_path" text NOT NULL,
	"imported" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"request_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"dimension" text,
	"score" smallint,
	"choices" text[],
	"text" text,
	CONSTRAINT "survey_answers_request_id_question_key_pk" PRIMARY KEY("request_id","question_key")
);
--> statement-breakpoint
CREATE TABLE "survey_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"survey_version" integer NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid,
	"customer_id" uuid,
	"unit_id" uuid,
	"project_id" uuid,
	"company_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"method" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"score" smallint,
	"comment" text,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"stage" text,
	"service" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"imported" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_requests_status_ck" CHECK ("survey_requests"."status" in ('pending','answered','unanswered','cancelled','expired')),
	CONSTRAINT "survey_requests_channel_ck" CHECK ("survey_requests"."channel" in ('phone','sms','portal')),
	CONSTRAINT "survey_requests_score_ck" CHECK ("survey_requests"."score" is null or "survey_requests"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "survey_versions" (
	"survey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_versions_survey_id_version_pk" PRIMARY KEY("survey_id","version")
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"company_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "surveys_kind_ck" CHECK ("surveys"."kind" in ('repair_callback','sales_callback','design_callback','journey_task','service','event','annual','general'))
);
--> statement-breakpoint
ALTER TABLE "delivery_batches" ADD COLUMN "area_report_date" date;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "surveyed_area" numeric(10, 2);--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "holder_org_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "leak" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "drawing_mismatch" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "complaint_cause" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "responsible_org_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "imported" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "imported" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_facts" ADD CONSTRAINT "kpi_facts_run_id_kpi_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."kpi_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_values" ADD CONSTRAINT "kpi_values_run_id_kpi_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."kpi_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_types" ADD CONSTRAINT "product_types_project_id_projects_org_unit_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_visits" ADD CONSTRAINT "property_visits_project_id_projects_org_unit_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_visits" ADD CONSTRAINT "property_visits_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_request_id_survey_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."survey_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_requests" ADD CONSTRAINT "survey_requests_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_versions" ADD CONSTRAINT "survey_versions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "award_entries_uq" ON "award_entries" USING btree ("award","year","project_id");--> statement-breakpoint
CREATE INDEX "kpi_facts_run_kpi_idx" ON "kpi_facts" USING btree ("run_id","kpi","scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "kpi_facts_run_batch_idx" ON "kpi_facts" USING btree ("run_id","batch_id") WHERE "kpi_facts"."batch_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_runs_version_uq" ON "kpi_runs" USING btree ("period","batch_key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_runs_current_uq" ON "kpi_runs" USING btree ("period","batch_key") WHERE "kpi_runs"."current";--> statement-breakpoint
CREATE INDEX "kpi_values_scope_idx" ON "kpi_values" USING btree ("scope_id","kpi");--> statement-breakpoint
CREATE INDEX "property_visits_project_idx" ON "property_visits" USING btree ("project_id","visited_on");--> statement-breakpoint
CREATE INDEX "property_visits_scope_idx" ON "property_visits" USING btree ("org_path" text_pattern_ops,"visited_on");--> statement-breakpoint
CREATE INDEX "survey_answers_dimension_idx" ON "survey_answers" USING btree ("dimension") WHERE "survey_answers"."dimension" is not null;--> statement-breakpoint
CREATE INDEX "survey_requests_subject_idx" ON "survey_requests" USING btree ("subject_id","created_at");--> statement-breakpoint
CREATE INDEX "survey_requests_customer_idx" ON "survey_requests" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "survey_requests_pending_idx" ON "survey_requests" USING btree ("org_path" text_pattern_ops,"created_at") WHERE "survey_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "survey_requests_answered_idx" ON "survey_requests" USING btree ("kind","recorded_at","company_id") WHERE "survey_requests"."status" = 'answered';--> statement-breakpoint
CREATE UNIQUE INDEX "survey_requests_token_uq" ON "survey_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_code_uq" ON "surveys" USING btree ("code");--> statement-breakpoint
INSERT INTO "product_types" ("project_id", "code", "name", "sort")
SELECT "project_id", "code", "code", (row_number() OVER (PARTITION BY "project_id" ORDER BY "code"))::int
FROM (
  SELECT "org_unit_id" AS "project_id", unnest("product_types") AS "code" FROM "projects"
  UNION
  SELECT "project_id", "product_type" FROM "units" WHERE "product_type" IS NOT NULL
) "known"
ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE INDEX "sla_clocks_stopped_idx" ON "sla_clocks" USING btree ("stopped_at") WHERE "sla_clocks"."stopped_at" is not null;--> statement-breakpoint
CREATE INDEX "sla_clocks_deadline_idx" ON "sla_clocks" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "tickets_reported_idx" ON "tickets" USING btree ("company_id","reported_at");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_complaint_cause_ck" CHECK ("tickets"."complaint_cause" is null or "tickets"."complaint_cause" in ('sales_promise','delivery_delay','agency_promise','property_management','amenities','quality','other'));