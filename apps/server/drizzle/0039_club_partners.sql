CREATE TABLE "club_benefits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"discount_text" text NOT NULL,
	"tiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"quota" integer,
	"claimed" integer DEFAULT 0 NOT NULL,
	"points_price" integer DEFAULT 0 NOT NULL,
	"voucher_days" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "club_benefits_dates_ck" CHECK ("club_benefits"."valid_to" >= "club_benefits"."valid_from"),
	CONSTRAINT "club_benefits_quota_ck" CHECK ("club_benefits"."claimed" >= 0 and ("club_benefits"."quota" is null or "club_benefits"."claimed" <= "club_benefits"."quota")),
	CONSTRAINT "club_benefits_price_ck" CHECK ("club_benefits"."points_price" >= 0),
	CONSTRAINT "club_benefits_days_ck" CHECK ("club_benefits"."voucher_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "club_partner_users" (
	"partner_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"linked_by" uuid,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "club_partner_users_partner_id_user_id_pk" PRIMARY KEY("partner_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "club_partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"address" text,
	"description" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "club_partners_category_ck" CHECK ("club_partners"."category" in ('decoration','appliances','furniture','insurance','hospitality','cars','travel','education','health'))
);
--> statement-breakpoint
CREATE TABLE "club_vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"benefit_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"points" integer NOT NULL,
	"channel" text NOT NULL,
	"claimed_by" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"redeemed_at" timestamp with time zone,
	"redeemed_by" uuid,
	CONSTRAINT "club_vouchers_status_ck" CHECK ("club_vouchers"."status" in ('issued','redeemed')),
	CONSTRAINT "club_vouchers_channel_ck" CHECK ("club_vouchers"."channel" in ('portal','staff')),
	CONSTRAINT "club_vouchers_points_ck" CHECK ("club_vouchers"."points" >= 0),
	CONSTRAINT "club_vouchers_redeemed_ck" CHECK (("club_vouchers"."status" = 'redeemed') = ("club_vouchers"."redeemed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "club_benefits" ADD CONSTRAINT "club_benefits_partner_id_club_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."club_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_partner_users" ADD CONSTRAINT "club_partner_users_partner_id_club_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."club_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_vouchers" ADD CONSTRAINT "club_vouchers_benefit_id_club_benefits_id_fk" FOREIGN KEY ("benefit_id") REFERENCES "public"."club_benefits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_vouchers" ADD CONSTRAINT "club_vouchers_partner_id_club_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."club_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_vouchers" ADD CONSTRAINT "club_vouchers_member_id_club_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."club_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "club_benefits_partner_idx" ON "club_benefits" USING btree ("partner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "club_partner_users_user_idx" ON "club_partner_users" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "club_partners_category_idx" ON "club_partners" USING btree ("category","name","id");--> statement-breakpoint
CREATE UNIQUE INDEX "club_vouchers_code_uq" ON "club_vouchers" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "club_vouchers_member_benefit_uq" ON "club_vouchers" USING btree ("benefit_id","member_id");--> statement-breakpoint
CREATE INDEX "club_vouchers_partner_idx" ON "club_vouchers" USING btree ("partner_id","issued_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "club_vouchers_member_idx" ON "club_vouchers" USING btree ("member_id","issued_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "club_vouchers_scope_idx" ON "club_vouchers" USING btree ("org_path" text_pattern_ops,"issued_at" DESC NULLS LAST,"id");--> statement-breakpoint
-- The partner merchants' built-in role (合作商户): verify vouchers, see their own partners' benefits and vouchers.
INSERT INTO "roles" ("key", "name_zh", "name_en", "builtin", "permissions", "created_at", "updated_at")
VALUES ('partner', '合作商户', 'Partner merchant', true, '{club.partner}', now(), now())
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- System administrators hold every permission (contracts permissions.ts); admins' own roles stay as they are.
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || ARRAY['club.partner']) AS p ORDER BY p)
WHERE "builtin" AND "key" = 'system_admin';
