ALTER TABLE "property_handovers" ADD COLUMN "timely" boolean;--> statement-breakpoint
ALTER TABLE "property_handovers" ADD COLUMN "complete" boolean;