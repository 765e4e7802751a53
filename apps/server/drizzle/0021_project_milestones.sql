CREATE TABLE "project_milestones" (
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_milestones_project_id_kind_pk" PRIMARY KEY("project_id","kind"),
	CONSTRAINT "project_milestones_kind_ck" CHECK ("project_milestones"."kind" in ('structure_topped_out','completion_acceptance'))
);
--> statement-breakpoint
ALTER TABLE "journey_subjects" ADD COLUMN "milestones" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_org_unit_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("org_unit_id") ON DELETE no action ON UPDATE no action;