ALTER TABLE "sla_clocks" ADD COLUMN "subject_type" text;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "part_id" uuid;--> statement-breakpoint
UPDATE "sla_clocks" SET "subject_type" = 'ticket', "subject_id" = "ticket_id", "part_id" = "work_order_id";--> statement-breakpoint
ALTER TABLE "sla_clocks" ALTER COLUMN "subject_type" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_clocks" ALTER COLUMN "subject_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_clocks" DROP CONSTRAINT "sla_clocks_ticket_id_tickets_id_fk";--> statement-breakpoint
DROP INDEX "sla_clocks_ticket_idx";--> statement-breakpoint
ALTER TABLE "sla_clocks" DROP COLUMN "ticket_id";--> statement-breakpoint
ALTER TABLE "sla_clocks" DROP COLUMN "work_order_id";--> statement-breakpoint
CREATE INDEX "sla_clocks_subject_idx" ON "sla_clocks" USING btree ("subject_id","node");
