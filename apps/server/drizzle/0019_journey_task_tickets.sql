CREATE TABLE "journey_task_tickets" (
	"task_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"ticket_number" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journey_task_tickets_task_id_item_key_pk" PRIMARY KEY("task_id","item_key")
);
--> statement-breakpoint
ALTER TABLE "journey_task_tickets" ADD CONSTRAINT "journey_task_tickets_task_id_journey_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."journey_tasks"("id") ON DELETE cascade ON UPDATE no action;