CREATE TABLE "club_magazine_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"issue_id" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "club_magazine_contributions_status_ck" CHECK ("club_magazine_contributions"."status" in ('received','accepted','published','declined')),
	CONSTRAINT "club_magazine_contributions_issue_ck" CHECK ("club_magazine_contributions"."status" <> 'published' or "club_magazine_contributions"."issue_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "club_magazine_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"pages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "club_magazine_issues_status_ck" CHECK ("club_magazine_issues"."status" in ('draft','published')),
	CONSTRAINT "club_magazine_issues_published_ck" CHECK (("club_magazine_issues"."status" = 'published') = ("club_magazine_issues"."published_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "club_magazine_subscriptions" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"delivery" text NOT NULL,
	"address" text,
	"email" text,
	"active" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "club_magazine_subscriptions_delivery_ck" CHECK ("club_magazine_subscriptions"."delivery" in ('hand','post','email','portal')),
	CONSTRAINT "club_magazine_subscriptions_post_ck" CHECK ("club_magazine_subscriptions"."delivery" <> 'post' or "club_magazine_subscriptions"."address" is not null),
	CONSTRAINT "club_magazine_subscriptions_email_ck" CHECK ("club_magazine_subscriptions"."delivery" <> 'email' or "club_magazine_subscriptions"."email" is not null)
);
--> statement-breakpoint
ALTER TABLE "club_magazine_contributions" ADD CONSTRAINT "club_magazine_contributions_issue_id_club_magazine_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."club_magazine_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_magazine_subscriptions" ADD CONSTRAINT "club_magazine_subscriptions_member_id_club_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."club_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "club_magazine_contributions_scope_idx" ON "club_magazine_contributions" USING btree ("org_path" text_pattern_ops,"submitted_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "club_magazine_contributions_status_idx" ON "club_magazine_contributions" USING btree ("status","submitted_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "club_magazine_contributions_customer_idx" ON "club_magazine_contributions" USING btree ("customer_id","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "club_magazine_issues_list_idx" ON "club_magazine_issues" USING btree ("created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "club_magazine_issues_published_idx" ON "club_magazine_issues" USING btree ("published_at" DESC NULLS LAST,"id") WHERE "club_magazine_issues"."status" = 'published';--> statement-breakpoint
CREATE INDEX "club_magazine_subscriptions_delivery_idx" ON "club_magazine_subscriptions" USING btree ("delivery","member_id") WHERE "club_magazine_subscriptions"."active";