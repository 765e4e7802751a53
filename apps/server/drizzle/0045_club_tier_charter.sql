ALTER TABLE "club_tiers" ADD COLUMN "charter_zh" text;--> statement-breakpoint
ALTER TABLE "club_tiers" ADD COLUMN "charter_en" text;--> statement-breakpoint
-- The built-in tiers' charters (the club rewrites them in the console): rights, duties, benefits, how to join.
UPDATE "club_tiers" SET
  "charter_zh" = '权利：参加业主会活动、在业主端查看积分与会员权益。义务：遵守会章，如实提供个人信息。权益：参与活动和完成问卷可获积分，积分可兑换合作商家权益。加入：业主、买房客户及公众均可在业主端一键加入或由物业/销售登记。',
  "charter_en" = 'Rights: take part in club events and see your points and benefits in the owner portal. Duties: keep to the charter and give true personal details. Benefits: earn points for events and surveys and spend them on partner benefits. How to join: owners, buyers and the public join with one tap in the owner portal or at the sales or property office.'
WHERE "code" = 'member' AND "charter_zh" IS NULL;--> statement-breakpoint
UPDATE "club_tiers" SET
  "charter_zh" = '权利：会员全部权利，并可优先预约物业与社区服务。义务：遵守会章与社区公约，爱护公共设施。权益：优先预约，业主专属活动与权益，积分同会员。加入：房屋交付后的业主及其家属自动成为业主会员。',
  "charter_en" = 'Rights: everything a member has, plus priority booking of property and community services. Duties: keep to the charter and the community rules and look after shared facilities. Benefits: priority booking, owner-only events and benefits, points as for members. How to join: owners and their family become owner members when their home is handed over.'
WHERE "code" = 'owner' AND "charter_zh" IS NULL;--> statement-breakpoint
UPDATE "club_tiers" SET
  "charter_zh" = '权利：业主会员全部权利，并享受购房优惠。义务：遵守会章，积极参与社区活动。权益：优先预约、购房优惠及金卡专属活动。加入：累计积分达到 5000 分的会员自动升级为金卡会员。',
  "charter_en" = 'Rights: everything an owner member has, plus a discount on buying a home. Duties: keep to the charter and take part in community life. Benefits: priority booking, a purchase discount and gold-only events. How to join: members with 5,000 lifetime points become gold members automatically.'
WHERE "code" = 'gold' AND "charter_zh" IS NULL;
