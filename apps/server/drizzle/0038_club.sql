CREATE TABLE "club_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"entry_id" bigint,
	CONSTRAINT "club_adjustments_status_ck" CHECK ("club_adjustments"."status" in ('applied','pending','rejected')),
	CONSTRAINT "club_adjustments_points_ck" CHECK ("club_adjustments"."points" <> 0)
);
--> statement-breakpoint
CREATE TABLE "club_earn_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_earn_rules_points_ck" CHECK ("club_earn_rules"."points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "club_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text,
	"idempotency_key" text NOT NULL,
	"reverses_id" bigint,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "club_ledger_kind_ck" CHECK ("club_ledger"."kind" in ('earn','redeem','expire','adjust','reverse')),
	CONSTRAINT "club_ledger_sign_ck" CHECK ("club_ledger"."points" <> 0 and ("club_ledger"."kind" <> 'earn' or "club_ledger"."points" > 0)
          and ("club_ledger"."kind" not in ('redeem','expire') or "club_ledger"."points" < 0)),
	CONSTRAINT "club_ledger_balance_ck" CHECK ("club_ledger"."balance_after" >= 0),
	CONSTRAINT "club_ledger_reverse_ck" CHECK (("club_ledger"."kind" = 'reverse') = ("club_ledger"."reverses_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "club_member_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"from" text,
	"to" text,
	"actor_id" uuid,
	"actor_name" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "club_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"card_no" text NOT NULL,
	"class" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"tier_id" uuid,
	"balance" integer DEFAULT 0 NOT NULL,
	"lifetime_points" integer DEFAULT 0 NOT NULL,
	"org_path" text NOT NULL,
	"project_id" uuid,
	"channel" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "club_members_balance_ck" CHECK ("club_members"."balance" >= 0),
	CONSTRAINT "club_members_class_ck" CHECK ("club_members"."class" in ('buyer','owner_family','employee','public')),
	CONSTRAINT "club_members_status_ck" CHECK ("club_members"."status" in ('active','left'))
);
--> statement-breakpoint
CREATE TABLE "club_settings" (
	"id" text PRIMARY KEY DEFAULT 'club' NOT NULL,
	"name" text NOT NULL,
	"approval_threshold" integer DEFAULT 1000 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_settings_one_ck" CHECK ("club_settings"."id" = 'club'),
	CONSTRAINT "club_settings_threshold_ck" CHECK ("club_settings"."approval_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "club_tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"rank" integer NOT NULL,
	"classes" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_points" integer,
	"priority_booking" boolean DEFAULT false NOT NULL,
	"purchase_discount" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_tiers_min_points_ck" CHECK ("club_tiers"."min_points" is null or "club_tiers"."min_points" >= 0)
);
--> statement-breakpoint
ALTER TABLE "ownerships" ADD COLUMN "payment_status" text DEFAULT 'unpaid' NOT NULL;--> statement-breakpoint
ALTER TABLE "club_adjustments" ADD CONSTRAINT "club_adjustments_member_id_club_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."club_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_ledger" ADD CONSTRAINT "club_ledger_member_id_club_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."club_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_member_events" ADD CONSTRAINT "club_member_events_member_id_club_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."club_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_members" ADD CONSTRAINT "club_members_tier_id_club_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."club_tiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "club_adjustments_member_idx" ON "club_adjustments" USING btree ("member_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "club_ledger_key_uq" ON "club_ledger" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "club_ledger_reverses_uq" ON "club_ledger" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "club_ledger_member_idx" ON "club_ledger" USING btree ("member_id","id");--> statement-breakpoint
CREATE INDEX "club_member_events_member_idx" ON "club_member_events" USING btree ("member_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "club_members_customer_uq" ON "club_members" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "club_members_card_uq" ON "club_members" USING btree ("card_no");--> statement-breakpoint
CREATE INDEX "club_members_scope_idx" ON "club_members" USING btree ("org_path" text_pattern_ops,"joined_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "club_members_tier_idx" ON "club_members" USING btree ("tier_id");--> statement-breakpoint
CREATE INDEX "club_members_project_idx" ON "club_members" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "club_tiers_code_uq" ON "club_tiers" USING btree ("code");--> statement-breakpoint
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_payment_status_ck" CHECK ("ownerships"."payment_status" in ('unpaid','partial','paid'));--> statement-breakpoint
-- The group's one club, its default tiers (seed 000: a member card for everyone, an owner card, a gold card on
-- points) and its earn rules; the club edits them later.
INSERT INTO "club_settings" ("id", "name", "approval_threshold") VALUES ('club', '业主会', 1000) ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "club_tiers" ("code", "name_zh", "name_en", "rank", "classes", "min_points", "priority_booking", "purchase_discount") VALUES
  ('member', '会员', 'Member', 0, '{}', NULL, false, false),
  ('owner', '业主会员', 'Owner member', 10, '{owner_family}', NULL, true, false),
  ('gold', '金卡会员', 'Gold member', 20, '{}', 5000, true, true)
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "club_earn_rules" ("code", "points") VALUES
  ('purchase', 2000), ('referral_purchase', 1000), ('survey_answered', 50), ('event_attendance', 100),
  ('lecture_attendance', 100)
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The built-in roles gain club.read as their default sets give them (contracts permissions.ts); admins' roles stay.
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || CASE "key"
    WHEN 'system_admin' THEN ARRAY['club.read']
    WHEN 'cr_manager' THEN ARRAY['club.read']
    WHEN 'cr_specialist' THEN ARRAY['club.read']
    WHEN 'executive' THEN ARRAY['club.read']
    WHEN 'sales_consultant' THEN ARRAY['club.read']
    WHEN 'club_staff' THEN ARRAY['club.read']
    ELSE ARRAY[]::text[] END) AS p ORDER BY p)
WHERE "builtin";
