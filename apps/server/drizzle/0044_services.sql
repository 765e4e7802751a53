CREATE TABLE "service_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"availability" text DEFAULT 'all' NOT NULL,
	"project_ids" uuid[] DEFAULT '{}' NOT NULL,
	"product_types" text[] DEFAULT '{}' NOT NULL,
	"fee_fen" integer,
	"fee_text_zh" text DEFAULT '' NOT NULL,
	"fee_text_en" text DEFAULT '' NOT NULL,
	"members_only" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"steps" jsonb NOT NULL,
	"callback_survey" text DEFAULT 'service_callback' NOT NULL,
	"sort_order" integer DEFAULT 100 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_definitions_availability_ck" CHECK ("service_definitions"."availability" in ('all','projects','product_types')),
	CONSTRAINT "service_definitions_fee_ck" CHECK ("service_definitions"."fee_fen" is null or "service_definitions"."fee_fen" >= 0),
	CONSTRAINT "service_definitions_steps_ck" CHECK (jsonb_typeof("service_definitions"."steps") = 'array' and jsonb_array_length("service_definitions"."steps") > 0)
);
--> statement-breakpoint
CREATE TABLE "service_request_numbers" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_request_steps" (
	"request_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"key" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"owner_text_zh" text NOT NULL,
	"owner_text_en" text NOT NULL,
	"role" text NOT NULL,
	"limit_days" integer NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"started_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"done_by_name" text,
	"note" text,
	"owner_note" text,
	CONSTRAINT "service_request_steps_request_id_seq_pk" PRIMARY KEY("request_id","seq"),
	CONSTRAINT "service_request_steps_status_ck" CHECK ("service_request_steps"."status" in ('waiting','active','done','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"service_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"service_name_zh" text NOT NULL,
	"service_name_en" text NOT NULL,
	"callback_survey" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"channel" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"fee_fen" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"current_step" integer,
	"step_count" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"cancelled_by" text,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"callback_request_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_requests_status_ck" CHECK ("service_requests"."status" in ('open','done','cancelled')),
	CONSTRAINT "service_requests_channel_ck" CHECK ("service_requests"."channel" in ('portal','console')),
	CONSTRAINT "service_requests_current_ck" CHECK (("service_requests"."status" = 'open') = ("service_requests"."current_step" is not null)),
	CONSTRAINT "service_requests_rating_ck" CHECK ("service_requests"."rating" is null or ("service_requests"."rating" between 1 and 5))
);
--> statement-breakpoint
ALTER TABLE "service_request_steps" ADD CONSTRAINT "service_request_steps_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_service_id_service_definitions_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."service_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_definitions_code_uq" ON "service_definitions" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "service_requests_number_uq" ON "service_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "service_requests_scope_idx" ON "service_requests" USING btree ("org_path" text_pattern_ops,"created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "service_requests_customer_idx" ON "service_requests" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_service_idx" ON "service_requests" USING btree ("service_id","status");--> statement-breakpoint
-- Issue 15 item 6: the built-in callback at the end of a value-added service request, one 5-point question and a comment.
INSERT INTO "surveys" ("code", "kind", "name_zh", "name_en", "company_id", "current_version", "settings", "created_at", "updated_at")
VALUES ('service_callback', 'service', '增值服务回访', 'Service callback', NULL, 1, '{"maxAttempts": 3, "linkDays": 7, "topBoxes": [4, 5]}'::jsonb, now(), now())
ON CONFLICT ("code") DO NOTHING;--> statement-breakpoint
INSERT INTO "survey_versions" ("survey_id", "version", "questions", "created_at")
SELECT "id", 1, '[{"key": "overall", "type": "score5", "textZh": "您对本次服务的总体满意度（1–5 分）", "textEn": "Overall satisfaction with the service (1–5)", "required": true}, {"key": "comment", "type": "text", "textZh": "您还有什么意见或建议？", "textEn": "Anything else you would like to tell us?", "required": false}]'::jsonb, now() FROM "surveys" WHERE "code" = 'service_callback'
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Seed 000's six default services (the company edits them later in the console).
INSERT INTO "service_definitions" ("code", "name_zh", "name_en", "description_zh", "description_en", "fee_fen", "fee_text_zh", "fee_text_en", "members_only", "sort_order", "steps") VALUES
  ('decoration_lecture', '装修讲座', 'Decoration lecture', '邀请装修设计师为业主讲解装修要点、材料选择与施工避坑。', 'A designer explains decoration essentials, materials and pitfalls to owners.', NULL, '免费', 'Free', false, 10, '[{"key": "invite", "nameZh": "发出邀请", "nameEn": "Invite", "ownerTextZh": "我们已邀请您参加装修讲座。", "ownerTextEn": "We have invited you to the decoration lecture.", "role": "club_staff", "limitDays": 3}, {"key": "reply", "nameZh": "业主回复", "nameEn": "Owner replies", "ownerTextZh": "请告诉我们您是否参加。", "ownerTextEn": "Please let us know whether you will attend.", "role": "cr_specialist", "limitDays": 3}, {"key": "register", "nameZh": "报名登记", "nameEn": "Registration", "ownerTextZh": "您已报名，名额已为您保留。", "ownerTextEn": "You are registered; your place is kept.", "role": "club_staff", "limitDays": 2}, {"key": "notify_time", "nameZh": "通知时间", "nameEn": "Time notified", "ownerTextZh": "我们已通知您讲座的时间和地点。", "ownerTextEn": "We have told you the time and place of the lecture.", "role": "club_staff", "limitDays": 2}, {"key": "lecture", "nameZh": "举办讲座", "nameEn": "Lecture", "ownerTextZh": "讲座如期举办，感谢您的参与。", "ownerTextEn": "The lecture took place; thank you for coming.", "role": "club_staff", "limitDays": 10}, {"key": "phone_callback", "nameZh": "次日电话回访", "nameEn": "Next-day phone callback", "ownerTextZh": "讲座次日我们会致电听取您的意见。", "ownerTextEn": "The day after, we call you for your opinion.", "role": "cr_specialist", "limitDays": 1}]'::jsonb),
  ('pre_delivery_visit', '交付前看房', 'Pre-delivery home visit', '交付前由置业顾问陪同参观您的新家，物业公司提前完成保洁。', 'Before delivery your consultant shows you your new home, cleaned by the property company beforehand.', NULL, '免费', 'Free', false, 20, '[{"key": "request", "nameZh": "提交申请", "nameEn": "Request", "ownerTextZh": "我们已收到您的看房申请。", "ownerTextEn": "We have your visit request.", "role": "cr_specialist", "limitDays": 1}, {"key": "agree_time", "nameZh": "约定时间", "nameEn": "Time agreed", "ownerTextZh": "置业顾问将与您约定看房时间。", "ownerTextEn": "Your consultant agrees a time with you.", "role": "sales_consultant", "limitDays": 2}, {"key": "cleaning", "nameZh": "房屋保洁", "nameEn": "Cleaning", "ownerTextZh": "物业公司正在为您的新家做保洁。", "ownerTextEn": "The property company is cleaning your home.", "role": "property", "limitDays": 3}, {"key": "visit", "nameZh": "陪同看房", "nameEn": "Accompanied visit", "ownerTextZh": "置业顾问陪同您参观新家。", "ownerTextEn": "Your consultant shows you round your home.", "role": "sales_consultant", "limitDays": 5}, {"key": "thank_you_card", "nameZh": "感谢卡", "nameEn": "Thank-you card", "ownerTextZh": "我们为您送上一张感谢卡。", "ownerTextEn": "We send you a thank-you card.", "role": "sales_consultant", "limitDays": 2}]'::jsonb),
  ('rental_resale_custody', '租售托管', 'Rental and resale custody', '委托物业公司代为出租或出售您的房屋，并按月出具对账单。', 'The property company lets or sells your home for you and sends a monthly statement.', 50000, '托管服务费按协议收取，首期 500 元', 'Custody fee by agreement; first instalment CNY 500', false, 30, '[{"key": "request", "nameZh": "提交委托", "nameEn": "Request", "ownerTextZh": "我们已收到您的托管委托。", "ownerTextEn": "We have your custody request.", "role": "cr_specialist", "limitDays": 1}, {"key": "agreement", "nameZh": "签订协议", "nameEn": "Agreement", "ownerTextZh": "物业公司与您签订托管协议。", "ownerTextEn": "The property company signs the custody agreement with you.", "role": "property", "limitDays": 5}, {"key": "listing", "nameZh": "挂牌", "nameEn": "Listing", "ownerTextZh": "您的房屋已挂牌出租或出售。", "ownerTextEn": "Your home is listed for rent or sale.", "role": "property", "limitDays": 5}, {"key": "key_handover", "nameZh": "移交钥匙", "nameEn": "Handover of keys", "ownerTextZh": "钥匙已交由物业公司保管。", "ownerTextEn": "The property company holds your keys.", "role": "property", "limitDays": 3}, {"key": "monthly_statement", "nameZh": "月度对账", "nameEn": "Monthly statement", "ownerTextZh": "物业公司每月向您出具对账单。", "ownerTextEn": "The property company sends you a monthly statement.", "role": "property", "limitDays": 22}]'::jsonb),
  ('legal_consulting', '法律咨询', 'Legal consulting', '关于购房、产权与装修的法律问题，由法务顾问解答。', 'A legal adviser answers your questions on buying, title and decoration.', NULL, '免费', 'Free', false, 40, '[{"key": "question", "nameZh": "提出问题", "nameEn": "Question", "ownerTextZh": "我们已收到您的问题。", "ownerTextEn": "We have your question.", "role": "cr_specialist", "limitDays": 1}, {"key": "answer", "nameZh": "法务解答", "nameEn": "Legal adviser answers", "ownerTextZh": "法务顾问正在解答您的问题。", "ownerTextEn": "A legal adviser answers your question.", "role": "department_staff", "limitDays": 5}, {"key": "callback", "nameZh": "回访", "nameEn": "Callback", "ownerTextZh": "我们会回访确认您的问题已解决。", "ownerTextEn": "We call back to check your question is settled.", "role": "cr_specialist", "limitDays": 2}]'::jsonb),
  ('repurchase_brokerage', '再购与置业咨询', 'Repurchase and brokerage consulting', '再次购房、换房或委托经纪的咨询。', 'Advice on buying again, moving or brokerage.', NULL, '免费', 'Free', false, 50, '[{"key": "request", "nameZh": "提交咨询", "nameEn": "Request", "ownerTextZh": "我们已收到您的咨询。", "ownerTextEn": "We have your enquiry.", "role": "cr_specialist", "limitDays": 1}, {"key": "consult", "nameZh": "顾问咨询", "nameEn": "Consultation", "ownerTextZh": "置业顾问将与您联系并提供建议。", "ownerTextEn": "A consultant contacts you with advice.", "role": "sales_consultant", "limitDays": 3}, {"key": "callback", "nameZh": "回访", "nameEn": "Callback", "ownerTextZh": "我们会回访了解您的意向。", "ownerTextEn": "We call back to hear how you wish to proceed.", "role": "cr_specialist", "limitDays": 2}]'::jsonb),
  ('referral_reception', '老带新接待', 'Referral reception', '告诉我们您的朋友何时来访，我们安排贵宾接待并登记为您的推荐。', 'Tell us when your friend visits: we prepare a VIP reception and record the visit as your referral.', NULL, '免费', 'Free', true, 60, '[{"key": "announce", "nameZh": "预约来访", "nameEn": "Visit announced", "ownerTextZh": "我们已收到您朋友的来访预约。", "ownerTextEn": "We have your friend’s visit.", "role": "cr_specialist", "limitDays": 1}, {"key": "prepare_vip", "nameZh": "准备贵宾接待", "nameEn": "VIP reception prepared", "ownerTextZh": "我们正在为您的朋友准备贵宾接待。", "ownerTextEn": "We prepare a VIP reception for your friend.", "role": "sales_consultant", "limitDays": 2}, {"key": "record_visit", "nameZh": "登记推荐来访", "nameEn": "Referral visit recorded", "ownerTextZh": "您朋友的来访已登记为您的推荐。", "ownerTextEn": "Your friend’s visit is recorded as your referral.", "role": "sales_consultant", "limitDays": 5}]'::jsonb)
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The built-in roles gain the services permissions as their default sets give them (contracts permissions.ts).
UPDATE "roles" SET "permissions" = array(
  SELECT DISTINCT p FROM unnest("permissions" || CASE "key"
    WHEN 'system_admin' THEN ARRAY['services.read', 'services.work', 'services.manage']
    WHEN 'cr_manager' THEN ARRAY['services.read', 'services.work', 'services.manage']
    WHEN 'cr_specialist' THEN ARRAY['services.read', 'services.work']
    WHEN 'hotline_agent' THEN ARRAY['services.read']
    WHEN 'department_staff' THEN ARRAY['services.read', 'services.work']
    WHEN 'sales_consultant' THEN ARRAY['services.read', 'services.work']
    WHEN 'club_staff' THEN ARRAY['services.read', 'services.work']
    WHEN 'executive' THEN ARRAY['services.read']
    ELSE ARRAY[]::text[] END) AS p ORDER BY p)
WHERE "builtin";
