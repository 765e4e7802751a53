CREATE TABLE "quality_cluster_acknowledgements" (
	"cluster_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"level" smallint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "quality_cluster_acknowledgements_cluster_id_user_id_pk" PRIMARY KEY("cluster_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "quality_cluster_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cluster_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"ticket_id" uuid,
	"level" smallint,
	"actor_id" uuid,
	"actor_name" text,
	"data" jsonb,
	CONSTRAINT "quality_cluster_events_kind_ck" CHECK ("quality_cluster_events"."kind" in ('raised','joined','severity','removed','below_threshold','warned','acknowledged'))
);
--> statement-breakpoint
CREATE TABLE "quality_cluster_number_seq" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "quality_cluster_number_seq_last_ck" CHECK ("quality_cluster_number_seq"."last" >= 0)
);
--> statement-breakpoint
CREATE TABLE "quality_cluster_rules" (
	"org_unit_id" uuid PRIMARY KEY NOT NULL,
	"org_path" text NOT NULL,
	"window_days" integer NOT NULL,
	"min_tickets" integer NOT NULL,
	"min_households" integer NOT NULL,
	"similarity" numeric(3, 2) NOT NULL,
	"double_categories" text[] NOT NULL,
	"signal_words" text[] NOT NULL,
	"group_level" smallint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quality_cluster_rules_window_ck" CHECK ("quality_cluster_rules"."window_days" between 1 and 90),
	CONSTRAINT "quality_cluster_rules_counts_ck" CHECK ("quality_cluster_rules"."min_tickets" >= 2 and "quality_cluster_rules"."min_households" between 1 and "quality_cluster_rules"."min_tickets"),
	CONSTRAINT "quality_cluster_rules_level_ck" CHECK ("quality_cluster_rules"."group_level" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "quality_cluster_scopes" (
	"project_id" uuid NOT NULL,
	"scope_key" text NOT NULL,
	CONSTRAINT "quality_cluster_scopes_project_id_scope_key_pk" PRIMARY KEY("project_id","scope_key")
);
--> statement-breakpoint
CREATE TABLE "quality_clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"company_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"scope_key" text NOT NULL,
	"building_id" uuid,
	"location" text,
	"categories" text[] NOT NULL,
	"severity" smallint NOT NULL,
	"warned_level" smallint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"ticket_count" integer NOT NULL,
	"household_count" integer NOT NULL,
	"signal_words" text[] NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"case_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quality_clusters_severity_ck" CHECK ("quality_clusters"."severity" between 1 and 3),
	CONSTRAINT "quality_clusters_status_ck" CHECK ("quality_clusters"."status" in ('open','below_threshold','closed'))
);
--> statement-breakpoint
CREATE TABLE "quality_risk_tickets" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"org_path" text NOT NULL,
	"words" text[] NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_ticket_signals" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"company_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"scope_key" text NOT NULL,
	"unit_id" uuid,
	"unit_code" text,
	"household" text NOT NULL,
	"categories" text[] NOT NULL,
	"words" text[] NOT NULL,
	"signal_words" text[] NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"cluster_id" uuid
);
--> statement-breakpoint
ALTER TABLE "quality_cluster_acknowledgements" ADD CONSTRAINT "quality_cluster_acknowledgements_cluster_id_quality_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."quality_clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_cluster_events" ADD CONSTRAINT "quality_cluster_events_cluster_id_quality_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."quality_clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quality_cluster_events_cluster_idx" ON "quality_cluster_events" USING btree ("cluster_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "quality_clusters_number_uq" ON "quality_clusters" USING btree ("number");--> statement-breakpoint
CREATE INDEX "quality_clusters_scope_idx" ON "quality_clusters" USING btree ("project_id","scope_key","last_at");--> statement-breakpoint
CREATE INDEX "quality_clusters_raised_idx" ON "quality_clusters" USING btree ("raised_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "quality_clusters_company_idx" ON "quality_clusters" USING btree ("company_id","raised_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "quality_signals_scope_idx" ON "quality_ticket_signals" USING btree ("project_id","scope_key","reported_at") WHERE "quality_ticket_signals"."active";--> statement-breakpoint
CREATE INDEX "quality_signals_cluster_idx" ON "quality_ticket_signals" USING btree ("cluster_id","reported_at") WHERE "quality_ticket_signals"."cluster_id" is not null;--> statement-breakpoint
-- The built-in roles gain the quality permissions as their default sets give them (contracts permissions.ts).
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || CASE "key"
    WHEN 'system_admin' THEN ARRAY['quality.read', 'quality.manage']
    WHEN 'cr_manager' THEN ARRAY['quality.read', 'quality.manage']
    WHEN 'cr_specialist' THEN ARRAY['quality.read']
    WHEN 'executive' THEN ARRAY['quality.read']
    ELSE ARRAY[]::text[] END) AS p ORDER BY p)
WHERE "builtin";
