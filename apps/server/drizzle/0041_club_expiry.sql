ALTER TABLE "club_members" ADD COLUMN "expiry_checked_year" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "club_settings" ADD COLUMN "expiry_years" integer;--> statement-breakpoint
ALTER TABLE "club_settings" ADD COLUMN "referral_discount_note" text;--> statement-breakpoint
CREATE INDEX "club_members_expiry_idx" ON "club_members" USING btree ("expiry_checked_year","id") WHERE "club_members"."balance" > 0;--> statement-breakpoint
ALTER TABLE "club_settings" ADD CONSTRAINT "club_settings_expiry_ck" CHECK ("club_settings"."expiry_years" is null or "club_settings"."expiry_years" between 1 and 10);--> statement-breakpoint
-- the seeds' example plan: points expire at the end of the second calendar year
UPDATE "club_settings" SET "expiry_years" = 2 WHERE "id" = 'club';
