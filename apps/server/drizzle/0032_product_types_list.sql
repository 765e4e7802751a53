-- Types a unit or a project's list used since 0029 filled the table become rows first (named by their code).
INSERT INTO "product_types" ("project_id", "code", "name", "sort")
SELECT "project_id", "code", "code", 1000 + (row_number() OVER (PARTITION BY "project_id" ORDER BY "code"))::int
FROM (
  SELECT "org_unit_id" AS "project_id", unnest("product_types") AS "code" FROM "projects"
  UNION
  SELECT "project_id", "product_type" FROM "units" WHERE "product_type" IS NOT NULL
) "known"
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_product_type_fk" FOREIGN KEY ("project_id","product_type") REFERENCES "public"."product_types"("project_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "product_types";
