CREATE TABLE "survey_benchmarks" (
	"scope_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"dimension" text NOT NULL,
	"kind" text NOT NULL,
	"value" numeric(6, 4) NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_benchmarks_scope_id_year_dimension_kind_pk" PRIMARY KEY("scope_id","year","dimension","kind"),
	CONSTRAINT "survey_benchmarks_kind_ck" CHECK ("survey_benchmarks"."kind" in ('actual','target'))
);
