CREATE TABLE "business_calendars" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"working_hours" jsonb NOT NULL,
	"working_weekdays" integer[] NOT NULL,
	"holidays" text[] NOT NULL,
	"makeup_workdays" text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"method" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"score" smallint,
	"comment" text,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"org_path" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "callbacks_status_ck" CHECK ("callbacks"."status" in ('pending','answered','unanswered','cancelled')),
	CONSTRAINT "callbacks_score_ck" CHECK ("callbacks"."score" is null or "callbacks"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "defect_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"work_order_id" uuid,
	"node" text NOT NULL,
	"mode" text NOT NULL,
	"limit_minutes" integer NOT NULL,
	"warn_percent" smallint NOT NULL,
	"ladder" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"paused_at" timestamp with time zone,
	"warn_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"next_check_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"outcome" text,
	"org_path" text NOT NULL,
	CONSTRAINT "sla_clocks_mode_ck" CHECK ("sla_clocks"."mode" in ('working','calendar'))
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"ticket_type" text NOT NULL,
	"category_code" text DEFAULT '' NOT NULL,
	"priority" text DEFAULT '' NOT NULL,
	"major" text DEFAULT '' NOT NULL,
	"node" text NOT NULL,
	"limit_minutes" integer NOT NULL,
	"mode" text NOT NULL,
	"warn_percent" smallint DEFAULT 80 NOT NULL,
	"ladder" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sla_policies_mode_ck" CHECK ("sla_policies"."mode" in ('working','calendar')),
	CONSTRAINT "sla_policies_warn_ck" CHECK ("sla_policies"."warn_percent" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"from_status" text,
	"to_status" text,
	"body" text,
	"data" jsonb,
	CONSTRAINT "ticket_events_visibility_ck" CHECK ("ticket_events"."visibility" in ('internal','customer'))
);
--> statement-breakpoint
CREATE TABLE "ticket_number_seq" (
	"prefix" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "ticket_number_seq_prefix_day_pk" PRIMARY KEY("prefix","day")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"held_from" text,
	"hold_reason" text,
	"resume_on" date,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"customer_id" uuid,
	"customer_name" text,
	"contact_phone" text,
	"unit_id" uuid,
	"unit_code" text,
	"project_id" uuid,
	"company_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"category_code" text,
	"room" text,
	"location" text,
	"warranty_status" text,
	"warranty_until" date,
	"root_cause" text,
	"resolution" text,
	"cost" numeric(12, 2),
	"assignee_user_id" uuid,
	"assignee_org_id" uuid,
	"inspection_required" boolean NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"warning" boolean DEFAULT false NOT NULL,
	"overdue" boolean DEFAULT false NOT NULL,
	"next_due_at" timestamp with time zone,
	"cancel_reason" text,
	"merged_into" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tickets_type_ck" CHECK ("tickets"."type" in ('complaint','repair','consultation','suggestion','praise')),
	CONSTRAINT "tickets_status_ck" CHECK ("tickets"."status" in ('inspection','dispatch','dispatched','processing','closed','completed','on_hold','cancelled')),
	CONSTRAINT "tickets_priority_ck" CHECK ("tickets"."priority" in ('low','normal','high','urgent')),
	CONSTRAINT "tickets_root_cause_ck" CHECK ("tickets"."root_cause" is null or "tickets"."root_cause" in ('design','material','workmanship','owner_misuse','other'))
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"assignee_org_id" uuid NOT NULL,
	"assignee_org_type" text NOT NULL,
	"assignee_user_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"progress" text,
	"result" text,
	"due_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"org_path" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_orders_status_ck" CHECK ("work_orders"."status" in ('open','accepted','in_progress','done','confirmed','rejected','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"link" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"recipient_masked" text NOT NULL,
	"recipient_user_id" uuid,
	"template" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"params" jsonb,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"provider" text,
	"provider_message_id" text,
	"last_error" text,
	"org_path" text NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_channel_ck" CHECK ("outbox_messages"."channel" in ('sms','email')),
	CONSTRAINT "outbox_status_ck" CHECK ("outbox_messages"."status" in ('queued','sending','sent','failed','skipped'))
);
--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callbacks_ticket_idx" ON "callbacks" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "callbacks_pending_idx" ON "callbacks" USING btree ("org_path" text_pattern_ops,"created_at") WHERE "callbacks"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "callbacks_token_uq" ON "callbacks" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sla_clocks_due_idx" ON "sla_clocks" USING btree ("next_check_at") WHERE "sla_clocks"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "sla_clocks_ticket_idx" ON "sla_clocks" USING btree ("ticket_id","node");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_key_uq" ON "sla_policies" USING btree ("company_id","ticket_type","category_code","priority","major","node");--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "ticket_events" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_uq" ON "tickets" USING btree ("number");--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("org_path" text_pattern_ops,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_open_due_idx" ON "tickets" USING btree ("org_path" text_pattern_ops,"next_due_at","id") WHERE "tickets"."status" not in ('completed','cancelled');--> statement-breakpoint
CREATE INDEX "tickets_customer_idx" ON "tickets" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "tickets_unit_idx" ON "tickets" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_ticket_seq_uq" ON "work_orders" USING btree ("ticket_id","seq");--> statement-breakpoint
CREATE INDEX "work_orders_assignee_org_idx" ON "work_orders" USING btree ("assignee_org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "work_orders_assignee_user_idx" ON "work_orders" USING btree ("assignee_user_id","status");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_idempotency_uq" ON "notifications" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_idempotency_uq" ON "outbox_messages" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_list_idx" ON "outbox_messages" USING btree ("org_path" text_pattern_ops,"created_at" DESC NULLS LAST,"id");--> statement-breakpoint
-- The default defect taxonomy (editable); leaks are urgent.
INSERT INTO "defect_categories" ("code", "name_zh", "name_en", "urgent", "sort") VALUES
  ('leak', '渗漏', 'Leak', true, 10),
  ('crack', '开裂', 'Crack', false, 20),
  ('hollow_plaster', '空鼓', 'Hollow plaster', false, 30),
  ('doors_windows', '门窗', 'Doors and windows', false, 40),
  ('walls', '墙面', 'Walls', false, 50),
  ('floor', '地面', 'Floor', false, 60),
  ('plumbing', '给排水', 'Plumbing', false, 70),
  ('electrical', '电气', 'Electrical', false, 80),
  ('hvac', '暖通空调', 'Heating and cooling', false, 90),
  ('fixtures', '五金洁具', 'Fixtures', false, 100),
  ('other', '其他', 'Other', false, 110)
ON CONFLICT DO NOTHING;
