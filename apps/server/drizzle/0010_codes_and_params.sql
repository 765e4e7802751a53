ALTER TABLE "tickets" ADD COLUMN "title_parts" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "params" jsonb;