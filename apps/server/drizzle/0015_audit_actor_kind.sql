ALTER TABLE "audit_events" ADD COLUMN "actor_kind" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "actor_ref" text;--> statement-breakpoint
-- Earlier rows: owners were recorded as the zero user named "… (owner:<customer id>)", the system and anonymous
-- callers without a user. The append-only trigger is lifted for this one backfill inside the migration.
ALTER TABLE "audit_events" DISABLE TRIGGER audit_events_no_update;--> statement-breakpoint
UPDATE "audit_events" SET "actor_kind" = 'owner', "actor_ref" = substring("actor_name" from '\(owner:([^)]*)\)'), "actor_id" = NULL
 WHERE "actor_name" LIKE '%(owner:%';--> statement-breakpoint
UPDATE "audit_events" SET "actor_kind" = CASE WHEN "action" LIKE 'auth.%' THEN 'anonymous' ELSE 'system' END
 WHERE "actor_id" IS NULL AND "actor_kind" = 'staff';--> statement-breakpoint
UPDATE "audit_events" SET "actor_kind" = 'system', "actor_id" = NULL
 WHERE "actor_id" = '00000000-0000-0000-0000-000000000000';--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER audit_events_no_update;
