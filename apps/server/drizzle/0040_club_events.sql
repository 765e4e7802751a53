CREATE TABLE "club_event_invitations" (
	"event_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"invited_by" uuid,
	CONSTRAINT "club_event_invitations_event_id_member_id_pk" PRIMARY KEY("event_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "club_event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"member_id" uuid,
	"status" text NOT NULL,
	"via" text NOT NULL,
	"check_in_code" text NOT NULL,
	"org_path" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_by" uuid,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"reminded_at" timestamp with time zone,
	"callback_due_at" timestamp with time zone,
	"callback_opened_at" timestamp with time zone,
	"callback_request_id" uuid,
	CONSTRAINT "club_event_registrations_status_ck" CHECK ("club_event_registrations"."status" in ('registered','waitlisted','cancelled')),
	CONSTRAINT "club_event_registrations_via_ck" CHECK ("club_event_registrations"."via" in ('portal','console'))
);
--> statement-breakpoint
CREATE TABLE "club_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"age_group" text,
	"open_day_id" uuid,
	"org_unit_id" uuid NOT NULL,
	"project_id" uuid,
	"org_path" text NOT NULL,
	"venue" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"waitlist" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "club_events_kind_ck" CHECK ("club_events"."kind" in ('lecture','programme','brand','open_day','interaction')),
	CONSTRAINT "club_events_status_ck" CHECK ("club_events"."status" in ('scheduled','cancelled')),
	CONSTRAINT "club_events_age_ck" CHECK (("club_events"."kind" = 'programme') = ("club_events"."age_group" is not null) and ("club_events"."age_group" is null or "club_events"."age_group" in ('children','youth','seniors'))),
	CONSTRAINT "club_events_range_ck" CHECK ("club_events"."ends_at" > "club_events"."starts_at"),
	CONSTRAINT "club_events_capacity_ck" CHECK ("club_events"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "club_event_invitations" ADD CONSTRAINT "club_event_invitations_event_id_club_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."club_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_event_registrations" ADD CONSTRAINT "club_event_registrations_event_id_club_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."club_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "club_event_registrations_code_uq" ON "club_event_registrations" USING btree ("check_in_code");--> statement-breakpoint
CREATE UNIQUE INDEX "club_event_registrations_live_uq" ON "club_event_registrations" USING btree ("event_id","customer_id") WHERE "club_event_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "club_event_registrations_event_idx" ON "club_event_registrations" USING btree ("event_id","status","registered_at","id");--> statement-breakpoint
CREATE INDEX "club_event_registrations_customer_idx" ON "club_event_registrations" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "club_event_registrations_callback_idx" ON "club_event_registrations" USING btree ("callback_due_at") WHERE "club_event_registrations"."callback_opened_at" is null and "club_event_registrations"."callback_due_at" is not null;--> statement-breakpoint
CREATE INDEX "club_events_scope_idx" ON "club_events" USING btree ("org_path" text_pattern_ops,"starts_at","id");--> statement-breakpoint
CREATE INDEX "club_events_starts_idx" ON "club_events" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "club_events_kind_idx" ON "club_events" USING btree ("kind","starts_at");--> statement-breakpoint
-- Issue 15 item 4: the built-in callback of a club event's attendee (the day after), one 5-point question and a comment.
INSERT INTO "surveys" ("code", "kind", "name_zh", "name_en", "company_id", "current_version", "settings", "created_at", "updated_at")
VALUES ('event_callback', 'event', '活动回访', 'Event callback', NULL, 1, '{"maxAttempts": 3, "linkDays": 7, "topBoxes": [4, 5]}'::jsonb, now(), now())
ON CONFLICT ("code") DO NOTHING;--> statement-breakpoint
INSERT INTO "survey_versions" ("survey_id", "version", "questions", "created_at")
SELECT "id", 1, '[{"key": "overall", "type": "score5", "textZh": "您对本次活动的总体满意度（1–5 分）", "textEn": "Overall satisfaction with the event (1–5)", "required": true}, {"key": "comment", "type": "text", "textZh": "您还希望参加哪些活动？有什么建议？", "textEn": "Which events would you like next? Any suggestions?", "required": false}]'::jsonb, now() FROM "surveys" WHERE "code" = 'event_callback'
ON CONFLICT DO NOTHING;
