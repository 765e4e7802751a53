CREATE TABLE "disclosure_acknowledgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"pack_version" integer NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "disclosure_acks_channel_ck" CHECK ("disclosure_acknowledgements"."channel" in ('console','portal'))
);
--> statement-breakpoint
CREATE TABLE "disclosure_packs" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"org_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"risks" jsonb NOT NULL,
	"amenities" jsonb NOT NULL,
	"map_file_id" uuid,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acceptance_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"room" text NOT NULL,
	"category_code" text NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"photo_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contractor_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"rectified_at" timestamp with time zone,
	"rectified_by" uuid,
	"rectification_note" text,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "acceptance_findings_severity_ck" CHECK ("acceptance_findings"."severity" in ('blocking','normal')),
	CONSTRAINT "acceptance_findings_status_ck" CHECK ("acceptance_findings"."status" in ('open','rectified','verified'))
);
--> statement-breakpoint
CREATE TABLE "handover_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"ownership_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"slot_id" uuid,
	"status" text DEFAULT 'booked' NOT NULL,
	"booked_via" text NOT NULL,
	"booked_at" timestamp with time zone NOT NULL,
	"booked_by" uuid,
	"reminded_for" date,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"inspection" jsonb,
	"meter_readings" jsonb,
	"keys_handed" smallint,
	"fees_acknowledged_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"signature_file_id" uuid,
	"refused_at" timestamp with time zone,
	"refusal_reasons" jsonb,
	"refusal_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "handover_appointments_status_ck" CHECK ("handover_appointments"."status" in ('booked','checked_in','signed','refused','cancelled')),
	CONSTRAINT "handover_appointments_via_ck" CHECK ("handover_appointments"."booked_via" in ('portal','console'))
);
--> statement-breakpoint
CREATE TABLE "handover_defects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"room" text NOT NULL,
	"category_code" text NOT NULL,
	"description" text NOT NULL,
	"photo_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ticket_id" uuid NOT NULL,
	"ticket_number" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "handover_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "handover_slots_capacity_ck" CHECK ("handover_slots"."capacity" > 0 and "handover_slots"."booked" >= 0 and "handover_slots"."booked" <= "handover_slots"."capacity"),
	CONSTRAINT "handover_slots_range_ck" CHECK ("handover_slots"."ends_at" > "handover_slots"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "property_handovers" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"handed_over_on" date NOT NULL,
	"items" jsonb NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"timeliness_score" smallint,
	"completeness_score" smallint,
	"rating_comment" text,
	"rated_by" uuid,
	"rated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "property_handovers_scores_ck" CHECK (("property_handovers"."timeliness_score" is null or "property_handovers"."timeliness_score" between 1 and 5) and ("property_handovers"."completeness_score" is null or "property_handovers"."completeness_score" between 1 and 5))
);
--> statement-breakpoint
CREATE TABLE "journey_project_templates" (
	"project_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_project_templates_project_id_template_id_pk" PRIMARY KEY("project_id","template_id")
);
--> statement-breakpoint
CREATE TABLE "warranty_reminders" (
	"unit_id" uuid NOT NULL,
	"part_category" text NOT NULL,
	"ends_on" date NOT NULL,
	"customer_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "warranty_reminders_unit_id_part_category_ends_on_customer_id_pk" PRIMARY KEY("unit_id","part_category","ends_on","customer_id")
);
--> statement-breakpoint
CREATE TABLE "open_day_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"open_day_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"customer_id" uuid,
	"unit_id" uuid,
	"category_code" text NOT NULL,
	"content" text NOT NULL,
	"photo_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"rectification_note" text,
	"rectified_at" timestamp with time zone,
	"rectified_by" uuid,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "open_day_items_kind_ck" CHECK ("open_day_items"."kind" in ('suggestion','issue')),
	CONSTRAINT "open_day_items_status_ck" CHECK (("open_day_items"."kind" = 'suggestion' and "open_day_items"."status" in ('open','answered')) or ("open_day_items"."kind" = 'issue' and "open_day_items"."status" in ('open','rectified','verified')))
);
--> statement-breakpoint
CREATE TABLE "open_day_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"open_day_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid,
	"via" text NOT NULL,
	"party_size" smallint DEFAULT 1 NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_by" uuid,
	"checked_in_at" timestamp with time zone,
	CONSTRAINT "open_day_registrations_via_ck" CHECK ("open_day_registrations"."via" in ('portal','console'))
);
--> statement-breakpoint
CREATE TABLE "open_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"batch_id" uuid,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"registered" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"invited_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "open_days_status_ck" CHECK ("open_days"."status" in ('planned','held','cancelled')),
	CONSTRAINT "open_days_range_ck" CHECK ("open_days"."ends_at" > "open_days"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "ownerships" ADD COLUMN "first_visit_date" date;--> statement-breakpoint
ALTER TABLE "handover_defects" ADD CONSTRAINT "handover_defects_appointment_id_handover_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."handover_appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_project_templates" ADD CONSTRAINT "journey_project_templates_template_id_journey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."journey_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_day_items" ADD CONSTRAINT "open_day_items_open_day_id_open_days_id_fk" FOREIGN KEY ("open_day_id") REFERENCES "public"."open_days"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_day_registrations" ADD CONSTRAINT "open_day_registrations_open_day_id_open_days_id_fk" FOREIGN KEY ("open_day_id") REFERENCES "public"."open_days"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_acks_uq" ON "disclosure_acknowledgements" USING btree ("project_id","customer_id","pack_version");--> statement-breakpoint
CREATE INDEX "disclosure_acks_customer_idx" ON "disclosure_acknowledgements" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "acceptance_findings_batch_idx" ON "acceptance_findings" USING btree ("batch_id","status","severity");--> statement-breakpoint
CREATE INDEX "acceptance_findings_contractor_idx" ON "acceptance_findings" USING btree ("contractor_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "handover_appointments_unit_batch_uq" ON "handover_appointments" USING btree ("unit_id","batch_id");--> statement-breakpoint
CREATE INDEX "handover_appointments_batch_idx" ON "handover_appointments" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "handover_appointments_slot_idx" ON "handover_appointments" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "handover_appointments_customer_idx" ON "handover_appointments" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "handover_defects_appointment_idx" ON "handover_defects" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "handover_defects_batch_idx" ON "handover_defects" USING btree ("batch_id","category_code");--> statement-breakpoint
CREATE UNIQUE INDEX "handover_slots_batch_start_uq" ON "handover_slots" USING btree ("batch_id","starts_at");--> statement-breakpoint
CREATE INDEX "open_day_items_day_idx" ON "open_day_items" USING btree ("open_day_id","kind","status");--> statement-breakpoint
CREATE INDEX "open_day_items_scope_idx" ON "open_day_items" USING btree ("org_path" text_pattern_ops,"kind","status");--> statement-breakpoint
CREATE UNIQUE INDEX "open_day_registrations_uq" ON "open_day_registrations" USING btree ("open_day_id","customer_id");--> statement-breakpoint
CREATE INDEX "open_day_registrations_customer_idx" ON "open_day_registrations" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "open_days_scope_idx" ON "open_days" USING btree ("org_path" text_pattern_ops,"held_on","id");--> statement-breakpoint
CREATE INDEX "open_days_project_idx" ON "open_days" USING btree ("project_id","held_on");