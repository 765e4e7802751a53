CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"options" text,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error_file_path" text,
	"error" text,
	"created_by" uuid NOT NULL,
	"org_path" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_status_ck" CHECK ("import_jobs"."status" in ('queued','running','done','failed')),
	CONSTRAINT "import_jobs_kind_ck" CHECK ("import_jobs"."kind" in ('units','customers'))
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"phase" text DEFAULT '' NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"floors" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"planned_date" date,
	"actual_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"org_unit_id" uuid PRIMARY KEY NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"product_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"finish_standard" text DEFAULT 'bare' NOT NULL,
	"description" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_finish_ck" CHECK ("projects"."finish_standard" in ('bare','finished','mixed'))
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"code" text NOT NULL,
	"entrance" text DEFAULT '' NOT NULL,
	"floor" integer NOT NULL,
	"room" text NOT NULL,
	"area" numeric(10, 2),
	"layout" text,
	"product_type" text,
	"finish" text DEFAULT 'bare' NOT NULL,
	"status" text DEFAULT 'unsold' NOT NULL,
	"delivery_batch_id" uuid,
	"delivered_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_finish_ck" CHECK ("units"."finish" in ('bare','finished')),
	CONSTRAINT "units_status_ck" CHECK ("units"."status" in ('unsold','sold','delivered','moved_in'))
);
--> statement-breakpoint
CREATE TABLE "warranty_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid,
	"part_category" text NOT NULL,
	"period_kind" text NOT NULL,
	"period_value" integer NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "warranty_rules_kind_ck" CHECK ("warranty_rules"."period_kind" in ('years','heating_seasons','cooling_seasons','design_life'))
);
--> statement-breakpoint
CREATE TABLE "customer_consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"granted" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "customer_consents_channel_ck" CHECK ("customer_consents"."channel" in ('sms','email','wechat'))
);
--> statement-breakpoint
CREATE TABLE "customer_duplicates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"other_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_phones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"last4" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_scopes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"relation" text NOT NULL,
	"ref_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_timeline" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"actor_id" uuid,
	"actor_name" text,
	"org_path" text NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"name_pinyin" text DEFAULT '' NOT NULL,
	"gender" text DEFAULT 'unknown' NOT NULL,
	"birthday" date,
	"email" text,
	"wechat_id" text,
	"address" text,
	"id_type" text,
	"id_number_enc" text,
	"id_number_hash" text,
	"id_number_masked" text,
	"source_channel" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"declared_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"do_not_contact" boolean DEFAULT false NOT NULL,
	"merged_into" uuid,
	"anonymised_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_gender_ck" CHECK ("customers"."gender" in ('male','female','unknown'))
);
--> statement-breakpoint
CREATE TABLE "family_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"unit_id" uuid,
	"relation" text NOT NULL,
	"consent_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ownerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"contract_date" date,
	"share_percent" numeric(5, 2),
	"delivery_date" date,
	"move_in_date" date,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referrer_id" uuid NOT NULL,
	"referred_id" uuid NOT NULL,
	"project_id" uuid,
	"outcome" text DEFAULT 'referred' NOT NULL,
	"outcome_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_outcome_ck" CHECK ("referrals"."outcome" in ('referred','visited','bought'))
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_project_id_projects_org_unit_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_batches" ADD CONSTRAINT "delivery_batches_project_id_projects_org_unit_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_project_id_projects_org_unit_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_delivery_batch_id_delivery_batches_id_fk" FOREIGN KEY ("delivery_batch_id") REFERENCES "public"."delivery_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warranty_rules" ADD CONSTRAINT "warranty_rules_project_id_projects_org_unit_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD CONSTRAINT "customer_consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_duplicates" ADD CONSTRAINT "customer_duplicates_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_duplicates" ADD CONSTRAINT "customer_duplicates_other_id_customers_id_fk" FOREIGN KEY ("other_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_phones" ADD CONSTRAINT "customer_phones_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_scopes" ADD CONSTRAINT "customer_scopes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_timeline" ADD CONSTRAINT "customer_timeline_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_links" ADD CONSTRAINT "family_links_owner_id_customers_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_links" ADD CONSTRAINT "family_links_member_id_customers_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_links" ADD CONSTRAINT "family_links_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_customers_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_id_customers_id_fk" FOREIGN KEY ("referred_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_path_idx" ON "import_jobs" USING btree ("org_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "buildings_project_code_uq" ON "buildings" USING btree ("project_id","code");--> statement-breakpoint
CREATE INDEX "delivery_batches_project_idx" ON "delivery_batches" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_project_code_uq" ON "units" USING btree ("project_id","code");--> statement-breakpoint
CREATE INDEX "units_building_idx" ON "units" USING btree ("building_id","floor","room");--> statement-breakpoint
CREATE INDEX "units_code_idx" ON "units" USING btree ("code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "units_batch_idx" ON "units" USING btree ("delivery_batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warranty_rules_scope_uq" ON "warranty_rules" USING btree (coalesce("project_id", '00000000-0000-0000-0000-000000000000'::uuid),"part_category");--> statement-breakpoint
CREATE INDEX "customer_consents_latest_idx" ON "customer_consents" USING btree ("customer_id","channel","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_duplicates_pair_uq" ON "customer_duplicates" USING btree ("customer_id","other_id","reason");--> statement-breakpoint
CREATE INDEX "customer_duplicates_other_idx" ON "customer_duplicates" USING btree ("other_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_phones_customer_phone_uq" ON "customer_phones" USING btree ("customer_id","phone");--> statement-breakpoint
CREATE INDEX "customer_phones_phone_idx" ON "customer_phones" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "customer_phones_last4_idx" ON "customer_phones" USING btree ("last4","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_scopes_ref_uq" ON "customer_scopes" USING btree ("customer_id","relation","ref_id");--> statement-breakpoint
CREATE INDEX "customer_scopes_path_idx" ON "customer_scopes" USING btree ("org_path" text_pattern_ops,"customer_id");--> statement-breakpoint
CREATE INDEX "customer_timeline_customer_idx" ON "customer_timeline" USING btree ("customer_id","at","id");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("name" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "customers_initials_idx" ON "customers" USING btree ("name_initials" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "customers_id_hash_idx" ON "customers" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_links_owner_member_uq" ON "family_links" USING btree ("owner_id","member_id");--> statement-breakpoint
CREATE INDEX "family_links_member_idx" ON "family_links" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ownerships_customer_unit_uq" ON "ownerships" USING btree ("customer_id","unit_id");--> statement-breakpoint
CREATE INDEX "ownerships_unit_idx" ON "ownerships" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_pair_uq" ON "referrals" USING btree ("referrer_id","referred_id");--> statement-breakpoint
CREATE INDEX "referrals_referred_idx" ON "referrals" USING btree ("referred_id");