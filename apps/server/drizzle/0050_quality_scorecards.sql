CREATE TABLE "quality_supplier_watch" (
	"supplier_org_id" uuid PRIMARY KEY NOT NULL,
	"org_path" text NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "tickets_repair_reported_idx" ON "tickets" USING btree ("reported_at") WHERE "tickets"."type" = 'repair';--> statement-breakpoint
-- The built-in roles gain scorecards.read as their default sets give them (contracts permissions.ts).
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || CASE "key"
    WHEN 'system_admin' THEN ARRAY['scorecards.read']
    WHEN 'cr_manager' THEN ARRAY['scorecards.read']
    WHEN 'cr_specialist' THEN ARRAY['scorecards.read']
    WHEN 'executive' THEN ARRAY['scorecards.read']
    WHEN 'department_staff' THEN ARRAY['scorecards.read']
    WHEN 'contractor' THEN ARRAY['scorecards.read']
    ELSE ARRAY[]::text[] END) AS p ORDER BY p)
WHERE "builtin";
