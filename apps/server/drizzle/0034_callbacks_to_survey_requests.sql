-- Issue 14: the ticket's callback moves onto the surveys model (decisions §35). Every callback becomes a request of
-- the built-in repair_callback survey (migration 0031) about its ticket, with the same id, status, attempts, score,
-- comment, link hash and expiry, recorder and times; the company, project, unit and person come from the ticket.
-- A callback with a link was texted (channel sms), the others were the agents' (phone). An answered one records
-- the ticket's type as the service received. Then the old table goes.
INSERT INTO "survey_requests" ("id", "survey_id", "survey_version", "kind", "subject_type", "subject_id", "customer_id",
  "unit_id", "project_id", "company_id", "org_path", "channel", "status", "method", "attempts", "score", "comment",
  "token_hash", "token_expires_at", "service", "recorded_by", "recorded_at", "imported", "created_at")
SELECT c."id", s."id", 1, 'repair_callback', 'ticket', c."ticket_id", t."customer_id", t."unit_id", t."project_id",
  t."company_id", c."org_path", CASE WHEN c."token_expires_at" IS NOT NULL THEN 'sms' ELSE 'phone' END, c."status",
  c."method", c."attempts", c."score", c."comment", c."token_hash", c."token_expires_at",
  CASE WHEN c."status" = 'answered' THEN t."type" END, c."recorded_by", c."recorded_at", false, c."created_at"
FROM "callbacks" c
JOIN "tickets" t ON t."id" = c."ticket_id"
CROSS JOIN (SELECT "id" FROM "surveys" WHERE "code" = 'repair_callback') s
ON CONFLICT ("id") DO NOTHING;--> statement-breakpoint
DROP TABLE "callbacks" CASCADE;
