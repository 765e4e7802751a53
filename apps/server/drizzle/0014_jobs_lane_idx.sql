DROP INDEX "jobs_due_idx";--> statement-breakpoint
CREATE INDEX "jobs_lane_idx" ON "jobs" USING btree ("name","run_at") WHERE "jobs"."status" = 'queued';