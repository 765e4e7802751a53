/**
 * zh-CN words of the codes the server writes (part of `zhCN`): ticket event details, customer timeline titles,
 * notices (outbox templates and audit actions: zh-CN.operations.ts, loaded with their pages). Keys follow the codes in `@anju/contracts` (codes.ts), a dot
 * being a level; a test walks those lists against this file and the English one.
 */
export const zhCNCodes = {
  codes: {
    eventText: {
      dispatch: { to: '派给 {{target}}' },
      work_order: {
        create: '#{{seq}} {{title}} → {{target}}',
        accept: '#{{seq}} 已接单',
        progress: '#{{seq}} 报进度',
        done: '#{{seq}} 已完工',
        confirm: '#{{seq}} 已确认完工',
        reject: '#{{seq}} 已退回',
        cancel: '#{{seq}} 已取消',
      },
      callback: { answered: '回访 {{score}} 分', unanswered: '回访未接通（第 {{attempts}} 次）' },
      follow_up: { opened: '已开跟进投诉 {{number}}（回访 {{score}} 分）' },
      merged: { into: '已合并到 {{number}}', from: '{{number}} 已合并到本单' },
      photo: { before: '处理前照片：{{name}}', after: '处理后照片：{{name}}' },
      sla: {
        warn: '「{{node}}」即将超时',
        breach: '「{{node}}」已超时',
        escalate: '「{{node}}」超时升级至第 {{level}} 级',
      },
      resume: { on_date: '挂起到期，自动恢复处理' },
      reopen: { not_fixed: '业主反馈未修好', low_score: '回访不满意（{{score}} 分）' },
      confirmed: { fixed: '业主确认已修好' },
    },
    timeline: {
      customer: { created: '登记客户 {{name}}', edited: '修改客户资料', merged: '合并重复客户 {{name}}' },
      family: { added: '登记家庭成员（{{relation}}）' },
      referral: { made: '推荐新客户', received: '由老业主推荐' },
      consent: { granted: '同意接收{{channel}}营销信息', refused: '拒绝接收{{channel}}营销信息' },
      ownership: {
        added: '房产 {{project}} {{unit}}',
        ended: '结束持有 {{project}} {{unit}}（$t(enums.ownershipEndReason.{{reason}})）',
        handed_over: '签字收房 {{project}} {{unit}}（{{date}}）',
      },
      club: {
        tier_changed: '会员等级变为 {{tier}}（会员卡 {{card}}）',
        referral_points: '推荐成交获得 {{points}} 积分（会员卡 {{card}}）',
        referral_discount: '老带新购房优惠：{{note}}',
      },
      ticket: { event: '{{ticketNumber}} {{event}}' },
      service_request: {
        booked: '预约增值服务「{{service}}」{{number}}',
        done: '增值服务「{{service}}」{{number}} 已完成',
      },
    },
    notification: {
      quality_case: { assigned: '群诉专案 {{number}}「{{title}}」由您负责' },
      group_case_task: {
        warn: '群诉专案 {{number}} 任务「{{task}}」即将到期（{{due}}）',
        breach: '群诉专案 {{number}} 任务「{{task}}」已超期（{{due}}）',
        escalate: '群诉专案 {{number}} 任务「{{task}}」超期升级至第 {{level}} 级',
      },
      quality_cluster: {
        warning: '群诉预警（{{level}}级）：{{project}} {{place}}，{{tickets}} 单 / {{households}} 户',
      },
      quality: { risk_ticket: '风险工单 {{number}}（{{words}}）' },
      quality_scorecard: { ready: '{{company}} {{period}} 供应商评分卡已生成' },
      work_order: {
        assigned: '新派工单 {{number}}-{{seq}}',
        done: '派工单 {{number}}-{{seq}} 已完工，待确认',
      },
      ticket: {
        assigned: '工单 {{number}} 已派给您',
        reopened: '工单 {{number}} 已重新打开',
        rated: '工单 {{number}} 业主评价 {{score}} 分',
      },
      journey_task: {
        warn: '旅程任务「{{name}}」即将超期（应于 {{due}} 完成）',
        breach: '旅程任务「{{name}}」已超期（应于 {{due}} 完成）',
        escalate: '旅程任务「{{name}}」超期升级至第 {{level}} 级',
      },
      service_request: {
        warn: '服务预约 {{number}}「{{step}}」即将超期（应于 {{due}} 完成）',
        breach: '服务预约 {{number}}「{{step}}」已超期（应于 {{due}} 完成）',
        escalate: '服务预约 {{number}}「{{step}}」超期升级至第 {{level}} 级',
      },
      acceptance_finding: {
        warn: '模拟验收问题「{{description}}」整改即将超期（应于 {{due}} 完成）',
        breach: '模拟验收问题「{{description}}」整改已超期（应于 {{due}} 完成）',
        escalate: '模拟验收问题「{{description}}」整改超期升级至第 {{level}} 级',
      },
      sla: {
        warn: '工单 {{number}}「{{node}}」即将超时',
        breach: '工单 {{number}}「{{node}}」已超时',
        escalate: '工单 {{number}}「{{node}}」超时升级至第 {{level}} 级',
      },
    },
  },
};
