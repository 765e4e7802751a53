import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig } from '../../test/harness.js';
import { ManualClock } from '../platform/clock.js';
import type { Database } from '../platform/db/database.js';
import { queryRows } from '../platform/db/database.js';
import { FieldCrypto } from '../platform/field-crypto.js';
import { seedDemoTickets } from './demo-tickets.js';
import { seed } from './seed.js';

/** Which notice categories make sense for a project at each stage of its delivery. */
const FITS: Record<'construction' | 'delivering' | 'delivered', string[]> = {
  // Nothing handed over yet: nobody lives there, so no community notices.
  construction: ['construction', 'design_change', 'open_day', 'delivery', 'other'],
  // One phase lives there, another is still being built and handed over.
  delivering: ['construction', 'design_change', 'open_day', 'delivery', 'community', 'other'],
  // Everything handed over: no building works, open days or delivery arrangements any more.
  delivered: ['community', 'other'],
};

describe('demo company', () => {
  let database: Database;
  let drop: () => Promise<void>;
  // 07:30 in China: before the quiet hours end, so a message written last night would still be waiting.
  const now = new Date('2026-11-22T23:30:00Z');

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    const config = testConfig();
    const clock = new ManualClock(now);
    const seeded = await seed(database.db, clock, { demo: true, crypto: new FieldCrypto(config.encryptionKey) });
    expect(seeded.demo).not.toBeNull();
    const made = await seedDemoTickets(config, database, pino({ level: 'silent' }), now);
    expect(made.tickets).toBeGreaterThan(20);
    expect(made.ownerPhone).toMatch(/^1[3-9]\d{9}$/);
    // A year of history for three projects: 11 tickets (two clocks each) a month, every row imported.
    expect(made.history).toMatchObject({ tickets: 12 * 3 * 11, clocks: 12 * 3 * 11 * 2 });
    expect((made.history as { callbacks?: number }).callbacks).toBeGreaterThan(200);
    expect(made.clubMembers).toBeGreaterThan(10);
    expect(made.scorecards).toEqual({ watched: 1, mailedCompanies: 1 });
  });

  it('has scorecards: a year of repairs charged to the demo contractors with root causes, and design feedback', async () => {
    const rows = await queryRows<{ code: string; repairs: number; caused: number; mismatches: number }>(
      database.db,
      sql`select c.code, count(*)::int as repairs, count(t.root_cause)::int as caused,
                 count(*) filter (where t.drawing_mismatch)::int as mismatches
            from tickets t join org_units c on c.id = t.responsible_org_id
           where t.type = 'repair' group by c.code order by c.code`,
    );
    expect(rows.map((r) => r.code)).toEqual(['CQ-YA', 'GRP-YH', 'SH-JG']);
    for (const r of rows) expect(r.caused).toBe(r.repairs);
    expect(rows.reduce((n, r) => n + r.mismatches, 0)).toBeGreaterThan(0);
    const mail = await queryRows<{ recipient: string }>(
      database.db,
      sql`select recipient from outbox_messages where template = 'quality_scorecard.ready'`,
    );
    expect(mail).toEqual([{ recipient: 'zhou.cai@anju.example.cn' }]);
  });

  it('has a club: members across tiers, purchase points granted once for each fully paid home', async () => {
    const [club] = await queryRows<{ members: number; owners: number; tiers: number; purchases: number; paid: number }>(
      database.db,
      sql`select (select count(*)::int from club_members) as members,
                 (select count(distinct customer_id)::int from ownerships where active) as owners,
                 (select count(distinct tier_id)::int from club_members) as tiers,
                 (select count(*)::int from club_ledger where source_type = 'purchase') as purchases,
                 (select count(*)::int from ownerships o join club_members m on m.customer_id = o.customer_id
                   where o.active and o.payment_status = 'paid') as paid`,
    );
    expect(club?.owners).toBeGreaterThan(100);
    // about six in ten of all demo owners (60 of the first hundred one by one, the others set-based)
    const share = (club?.members ?? 0) / (club?.owners ?? 1);
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.7);
    expect(club?.tiers).toBeGreaterThanOrEqual(2);
    expect(club?.purchases).toBe(club?.paid);
  });

  it("has the portal's club: every active tier shows a charter in both languages, members with cards to show", async () => {
    const [c] = await queryRows<{ tiers: number; charters: number; cards: number }>(
      database.db,
      sql`select (select count(*)::int from club_tiers where active) as tiers,
                 (select count(*)::int from club_tiers where active and charter_zh is not null
                   and charter_en is not null) as charters,
                 (select count(*)::int from club_members where status = 'active' and card_no ~ '^C[0-9]{8}$') as cards`,
    );
    expect(c?.charters).toBe(c?.tiers);
    expect(c?.cards).toBeGreaterThan(10);
  });

  it('has a club magazine: two issues published, a draft, members on the list with every delivery, contributions at each status', async () => {
    const [m] = await queryRows<{
      published: number;
      drafts: number;
      deliveries: number;
      statuses: number;
      mailed: number;
    }>(
      database.db,
      sql`select (select count(*)::int from club_magazine_issues where status = 'published') as published,
                 (select count(*)::int from club_magazine_issues where status = 'draft') as drafts,
                 (select count(distinct delivery)::int from club_magazine_subscriptions where active) as deliveries,
                 (select count(distinct status)::int from club_magazine_contributions) as statuses,
                 (select count(*)::int from jobs where name = 'club.magazine-mail') as mailed`,
    );
    expect(m).toMatchObject({ published: 2, drafts: 1, deliveries: 4, statuses: 4, mailed: 2 });
  });

  it('has club events: interaction events per project and quarter (K18), a lecture with check-ins, points and answered callbacks, coming events', async () => {
    const [ev] = await queryRows<{
      quarters: number;
      checkedIn: number;
      lecturePoints: number;
      members: number;
      answered: number;
      coming: number;
    }>(
      database.db,
      sql`select (select count(distinct (project_id, date_trunc('quarter', starts_at at time zone 'Asia/Shanghai')))::int
                    from club_events where kind = 'interaction' and status = 'scheduled') as quarters,
                 (select count(*)::int from club_event_registrations where checked_in_at is not null) as "checkedIn",
                 (select count(*)::int from club_ledger where source_type = 'lecture_attendance') as "lecturePoints",
                 (select count(*)::int from club_event_registrations r join club_members m on m.customer_id = r.customer_id
                   where r.checked_in_at is not null) as members,
                 (select count(*)::int from survey_requests where kind = 'event' and status = 'answered') as answered,
                 (select count(*)::int from club_events where starts_at > ${now}) as coming`,
    );
    expect(ev?.quarters).toBeGreaterThanOrEqual(12);
    expect(ev?.checkedIn).toBeGreaterThan(0);
    expect(ev?.lecturePoints).toBe(ev?.members); // each member's attendance earned once
    expect(ev?.answered).toBeGreaterThan(0);
    expect(ev?.coming).toBeGreaterThanOrEqual(6 + 1 + 3); // a lecture per project, a programme, a brand event per company
  });

  it('opens the KPI dashboards on a year of closed months with figures for the history projects', async () => {
    const months = await queryRows<{ period: string; projects: number }>(
      database.db,
      sql`select r.period, count(distinct v.scope_id)::int as projects
            from kpi_runs r join kpi_values v on v.run_id = r.id join org_units p on p.id = v.scope_id
           where r.current and r.batch_key = '' and length(r.period) = 7 and v.kpi = 'K2'
             and p.type = 'project' and p.code in ('SH-BJ', 'SH-YT', 'CQ-JS')
           group by r.period order by r.period`,
    );
    expect(months.length).toBeGreaterThanOrEqual(12);
    expect(months.slice(-12).every((m) => m.projects === 3)).toBe(true);
  });
  afterAll(() => drop());

  it('praise is never major and never breaches a deadline', async () => {
    const praise = await queryRows<{ number: string; major: boolean; overdue: boolean; breached: number }>(
      database.db,
      sql`select t.number, t.major, t.overdue,
                 (select count(*)::int from sla_clocks c where c.subject_id = t.id and c.breached_at is not null) as breached
            from tickets t where t.type = 'praise'`,
    );
    expect(praise.length).toBeGreaterThan(0);
    expect(praise.filter((t) => t.major || t.overdue || t.breached > 0)).toEqual([]);
  });

  it('runs both journey templates: tasks due, some done, none of them dated after now', async () => {
    const tasks = await queryRows<{ status: string; n: number; templates: number; late: number }>(
      database.db,
      sql`select status, count(*)::int as n, count(distinct template_id)::int as templates,
                 count(*) filter (where created_at > ${now})::int as late
            from journey_tasks group by status order by status`,
    );
    const of = (status: string) => tasks.find((r) => r.status === status);
    expect(of('open')?.n).toBeGreaterThan(5);
    expect(of('done')?.n).toBeGreaterThan(0);
    expect(tasks.every((r) => r.late === 0)).toBe(true);
    const active = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from journey_templates where active`,
    );
    expect(active[0]?.n).toBeGreaterThanOrEqual(4); // both templates in each demo company
  });

  it('has two clusters: leaks in one building at level 3 grown into a group case, damp walls in another at level 1', async () => {
    const rows = await queryRows<{
      severity: number;
      warned: number;
      tickets: number;
      levels: number;
      raised: Date;
      caseId: string | null;
    }>(
      database.db,
      sql`select c.severity, c.warned_level as warned, c.ticket_count as tickets, c.raised_at as raised, c.case_id as "caseId",
                 (select count(*)::int from quality_cluster_events e where e.cluster_id = c.id and e.kind = 'warned') as levels
            from quality_clusters c order by c.severity desc`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ severity: 3, warned: 3, levels: 3 });
    expect(rows[0]?.tickets).toBeGreaterThanOrEqual(5);
    expect(rows[0]?.caseId).toBeTruthy();
    expect(rows[1]).toMatchObject({ severity: 1, warned: 1, levels: 1, caseId: null });
    expect(rows.every((r) => new Date(r.raised).getTime() <= now.getTime())).toBe(true);
    const [c] = await queryRows<{ tickets: number; tasks: number; replies: number; urgent: number }>(
      database.db,
      sql`select (select count(*)::int from quality_case_tickets t where t.case_id = g.id) as tickets,
                 (select count(*)::int from quality_case_tasks t where t.case_id = g.id) as tasks,
                 (select count(*)::int from quality_case_updates u where u.case_id = g.id and u.kind = 'reply') as replies,
                 (select count(*)::int from quality_case_tickets t join tickets k on k.id = t.ticket_id
                   where t.case_id = g.id and k.priority = 'urgent') as urgent
            from quality_group_cases g`,
    );
    expect(c).toMatchObject({ tasks: 1, replies: 1 });
    expect(c?.urgent).toBe(c?.tickets);
  });

  it('has lessons learned in several states, one drawn from the demo cluster', async () => {
    const rows = await queryRows<{ status: string; source: string; n: number }>(
      database.db,
      sql`select status, source, count(*)::int as n from quality_lessons group by status, source`,
    );
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['proposed', 'accepted', 'applied_to_standard', 'verified_on_new_project', 'rejected']),
    );
    expect(rows.find((r) => r.source === 'cluster')?.n).toBe(1);
    const steps = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from quality_lessons
           where status in ('accepted', 'applied_to_standard', 'verified_on_new_project') and accepted_at is null`,
    );
    expect(steps[0]?.n).toBe(0);
  });

  it('major is only ever a complaint', async () => {
    const major = await queryRows<{ type: string }>(database.db, sql`select type from tickets where major`);
    expect(major.length).toBeGreaterThan(0);
    expect(major.every((t) => t.type === 'complaint')).toBe(true);
  });

  it('nothing in the outbox, the tickets or their histories is dated after now', async () => {
    const late = await queryRows<{ what: string; at: Date }>(
      database.db,
      sql`select 'outbox ' || template as what, created_at as at from outbox_messages where created_at > ${now}
          union all
          select 'delivery job ' || name, run_at from jobs j where j.name = 'outbox.deliver' and run_at > ${now}
          union all
          select 'ticket event ' || kind, at from ticket_events where at > ${now}
          union all
          select 'notice ' || title, published_at from notices where published_at > ${now}`,
    );
    expect(late).toEqual([]);
    const outbox = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from outbox_messages`);
    expect(outbox[0]?.n).toBeGreaterThan(0);
  });

  it('every notice fits the stage of its project, and the demo shows every stage', async () => {
    const rows = await queryRows<{ code: string; category: string; done: number; pending: number }>(
      database.db,
      sql`select p.code, n.category,
                 (select count(*)::int from delivery_batches b where b.project_id = p.id and b.actual_date is not null) as done,
                 (select count(*)::int from delivery_batches b where b.project_id = p.id and b.actual_date is null) as pending
            from notices n join org_units p on p.id = n.project_id`,
    );
    const stageOf = (r: { done: number; pending: number }) =>
      r.done === 0 ? 'construction' : r.pending === 0 ? 'delivered' : 'delivering';
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !FITS[stageOf(r)].includes(r.category))).toEqual([]);
    expect(new Set(rows.map(stageOf))).toEqual(new Set(['construction', 'delivering', 'delivered']));
  });

  it('dates agree: handed-over homes were handed over in the past, pending batches are due in the future', async () => {
    const wrong = await queryRows<{ what: string }>(
      database.db,
      sql`select 'unit ' || code as what from units where delivered_on > ${now}::date
           or (status in ('delivered','moved_in')) <> (delivered_on is not null)
          union all
          select 'batch ' || name from delivery_batches where actual_date > ${now}::date
           or (actual_date is null and planned_date <= ${now}::date)
          union all
          select 'repair on a home not handed over ' || t.number from tickets t join units u on u.id = t.unit_id
           where t.type = 'repair' and u.status not in ('delivered','moved_in')`,
    );
    expect(wrong).toEqual([]);
  });
  it('has the partner alliance: eight partners, free and priced benefits, one quota used up, vouchers redeemed and expired, a linked partner user', async () => {
    const [pa] = await queryRows<{
      partners: number;
      categories: number;
      free: number;
      priced: number;
      full: number;
      vouchers: number;
      redeemed: number;
      expired: number;
      linked: number;
    }>(
      database.db,
      sql`select (select count(*)::int from club_partners) as partners,
                 (select count(distinct category)::int from club_partners) as categories,
                 (select count(*)::int from club_benefits where points_price = 0) as free,
                 (select count(*)::int from club_benefits where points_price > 0) as priced,
                 (select count(*)::int from club_benefits where quota is not null and claimed = quota) as full,
                 (select count(*)::int from club_vouchers) as vouchers,
                 (select count(*)::int from club_vouchers where status = 'redeemed') as redeemed,
                 (select count(*)::int from club_vouchers where status = 'issued' and expires_at <= ${now}) as expired,
                 (select count(*)::int from club_partner_users pu join users u on u.id = pu.user_id
                   where u.username = 'jiang.shan') as linked`,
    );
    expect(pa).toMatchObject({ partners: 8, categories: 8, full: 1, linked: 1 });
    expect(pa?.free).toBeGreaterThan(3);
    expect(pa?.priced).toBeGreaterThan(2);
    expect(pa?.vouchers).toBeGreaterThan(20);
    expect(pa?.redeemed).toBeGreaterThan(5);
    expect(pa?.expired).toBeGreaterThan(0);
  });

  it('has an open day held with answered and unanswered suggestions and a verified issue, and one coming', async () => {
    const days = await queryRows<{
      status: string;
      heldOn: string;
      invited: boolean;
      people: number;
      checkedIn: number;
    }>(
      database.db,
      sql`select d.status, d.held_on::text as "heldOn", d.invited_at is not null as invited,
                 (select count(*)::int from open_day_registrations r where r.open_day_id = d.id) as people,
                 (select count(checked_in_at)::int from open_day_registrations r where r.open_day_id = d.id) as "checkedIn"
            from open_days d order by d.held_on`,
    );
    expect(days).toMatchObject([
      { status: 'held', invited: false },
      { status: 'planned', invited: true, people: 0 },
    ]);
    expect(days[0]?.checkedIn).toBeGreaterThan(0);
    expect((days[0]?.heldOn ?? '') < '2026-11-23' && (days[1]?.heldOn ?? '') > '2026-11-23').toBe(true);
    const items = await queryRows<{ kind: string; status: string; n: number }>(
      database.db,
      sql`select kind, status, count(*)::int as n from open_day_items group by kind, status order by kind, status`,
    );
    expect(items).toEqual([
      { kind: 'issue', status: 'open', n: 1 },
      { kind: 'issue', status: 'verified', n: 1 },
      { kind: 'suggestion', status: 'answered', n: 2 },
      { kind: 'suggestion', status: 'open', n: 1 },
    ]);
    // the coming open day's invitation went out during the seed: texts written, no page left queued
    const [invites] = await queryRows<{ sent: number; queued: number }>(
      database.db,
      sql`select (select count(*)::int from outbox_messages where template = 'open_day.invite') as sent,
                 (select count(*)::int from jobs where name = 'journeys.open-day-invite' and status <> 'done') as queued`,
    );
    expect(invites?.sent).toBeGreaterThan(0);
    expect(invites?.queued).toBe(0);
  });

  it('has a handover day in progress: signed homes with defect tickets, a refusal, check-ins this morning', async () => {
    const rows = await queryRows<{ status: string; n: number; defects: number }>(
      database.db,
      sql`select a.status, count(*)::int as n,
                 (select count(*)::int from handover_defects d
                   where d.appointment_id in (select id from handover_appointments x where x.status = a.status)) as defects
            from handover_appointments a group by a.status order by a.status`,
    );
    expect(rows).toEqual([
      { status: 'booked', n: 4, defects: 0 },
      { status: 'checked_in', n: 2, defects: 0 },
      { status: 'refused', n: 1, defects: 0 },
      { status: 'signed', n: 5, defects: 3 },
    ]);
    const tickets = await queryRows<{ type: string; channel: string; delivered: boolean }>(
      database.db,
      sql`select t.type, t.channel, u.status in ('delivered','moved_in') as delivered
            from tickets t join units u on u.id = t.unit_id where t.channel = 'handover' order by t.type`,
    );
    expect(tickets).toEqual([
      { type: 'complaint', channel: 'handover', delivered: false },
      { type: 'repair', channel: 'handover', delivered: true },
      { type: 'repair', channel: 'handover', delivered: true },
      { type: 'repair', channel: 'handover', delivered: true },
    ]);
  });

  it('has risk disclosures published and acknowledged, a simulated acceptance, and hand-overs to the property company', async () => {
    const [packs] = await queryRows<{ packs: number; projects: number; acks: number }>(
      database.db,
      sql`select (select count(*)::int from disclosure_packs) as packs, (select count(*)::int from projects) as projects,
                 (select count(*)::int from disclosure_acknowledgements) as acks`,
    );
    expect(packs?.packs).toBe(packs?.projects);
    expect(packs?.acks).toBeGreaterThan(0);
    const findings = await queryRows<{ status: string; severity: string; late: boolean }>(
      database.db,
      sql`select status, severity, due_at < ${now} as late from acceptance_findings order by created_at`,
    );
    expect(findings.map((f) => `${f.severity}:${f.status}`)).toEqual([
      'blocking:verified',
      'blocking:verified',
      'normal:rectified',
      'normal:open',
    ]);
    expect(findings[3]?.late).toBe(true);
    const handovers = await queryRows<{ rated: boolean; satisfied: boolean | null; future: boolean }>(
      database.db,
      sql`select rated_at is not null as rated, timely and complete as satisfied,
                 recorded_at > ${now} or handed_over_on > ${now}::date as future
            from property_handovers order by rated_at nulls last`,
    );
    expect(handovers.map((h) => [h.rated, h.satisfied, h.future])).toEqual([
      [true, false, false],
      [false, null, false],
    ]);
  });

  it('has value-added service requests of the six default services at every step, some done with their callback', async () => {
    const rows = await queryRows<{
      code: string;
      status: string;
      step: number | null;
      steps: number;
      callback: boolean;
    }>(
      database.db,
      sql`select service_code as code, status, current_step as step, step_count as steps,
                 callback_request_id is not null as callback from service_requests`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.code)).size).toBeGreaterThanOrEqual(5);
    const open = rows.filter((r) => r.status === 'open');
    expect(new Set(open.map((r) => r.step)).size).toBeGreaterThanOrEqual(3);
    const done = rows.filter((r) => r.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((r) => r.callback)).toBe(true);
    const [clocks] = await queryRows<{ running: number }>(
      database.db,
      sql`select count(*)::int as running from sla_clocks where subject_type = 'service_request' and stopped_at is null`,
    );
    expect(clocks?.running).toBe(open.length);
  });

  it('has forty standard problems: causes classified, home care for owners, drafts, revised versions, found by words', async () => {
    const rows = await queryRows<{ title: string; audience: string; status: string; version: number; cause: string }>(
      database.db,
      sql`select title, audience, status, version, primary_cause as cause from knowledge_articles`,
    );
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.audience === 'owner' && r.status === 'published').length).toBeGreaterThanOrEqual(10);
    expect(rows.some((r) => r.status === 'draft')).toBe(true);
    expect(rows.some((r) => r.version === 2)).toBe(true);
    expect(new Set(rows.map((r) => r.cause))).toEqual(
      new Set(['design', 'material', 'workmanship', 'owner_misuse', 'other']),
    );
    const [best] = await queryRows<{ title: string }>(
      database.db,
      sql`select title from knowledge_articles, to_tsquery('simple', '卫生 | 卫生间 | 天花 | 天花板 | 渗水') q
           where search @@ q and status = 'published' order by ts_rank(search, q) desc limit 1`,
    );
    expect(best?.title).toBe('卫生间吊顶渗水');
  });
});
