DROP INDEX "tickets_queue_idx";--> statement-breakpoint
DROP INDEX "tickets_open_due_idx";--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_company_created_idx" ON "tickets" USING btree ("company_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_project_created_idx" ON "tickets" USING btree ("project_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tickets_due_idx" ON "tickets" USING btree ("next_due_at","id") WHERE "tickets"."next_due_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_company_due_idx" ON "tickets" USING btree ("company_id","next_due_at","id") WHERE "tickets"."next_due_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_project_due_idx" ON "tickets" USING btree ("project_id","next_due_at","id") WHERE "tickets"."next_due_at" is not null;