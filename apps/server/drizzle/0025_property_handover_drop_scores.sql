ALTER TABLE "property_handovers" DROP CONSTRAINT "property_handovers_scores_ck";--> statement-breakpoint
ALTER TABLE "property_handovers" DROP COLUMN "timeliness_score";--> statement-breakpoint
ALTER TABLE "property_handovers" DROP COLUMN "completeness_score";