CREATE TABLE "ticket_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_views_user_name_uq" ON "ticket_views" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "tickets_resume_idx" ON "tickets" USING btree ("resume_on") WHERE "tickets"."status" = 'on_hold' and "tickets"."resume_on" is not null;