/**
 * Known breaches of the module rules, each with its reason (architecture.test.ts; the rules are in architecture.ts).
 * Paths are relative to apps/server/src. `subject` is the imported file (`table-import`, `platform-imports-module`)
 * or the table (`raw-sql`); a `query` entry covers the whole file, a `cycle` entry the group of files its `file` is
 * in. The test fails on a breach not listed here and on an entry that no longer matches a breach (fix it, then
 * delete the entry).
 */
import type { Rule } from './architecture.js';

export type AllowEntry = { rule: Rule; file: string; subject?: string; reason: string };

const HOT = 'one-statement hot path (decisions §18)';
const SCOPE = 'scope filter that must stay in SQL for performance: rows are filtered by the org path in the statement';
const PORTAL = "portal read model (decisions §17): the owner's homes, requests and notices in one statement per page";
const FK = 'foreign key: the referencing table must import the referenced one (drizzle `references`)';
const DRIVER = 'the driver layer itself: the helpers every repository runs its queries through';
const SEED =
  'seed data generator (anju seed / bench scale): bulk rows written straight into tables, never on a request';

const query = (file: string, reason: string): AllowEntry => ({ rule: 'query', file, reason });
const imports = (file: string, subject: string, reason: string): AllowEntry => ({
  rule: 'table-import',
  file,
  subject,
  reason,
});
const raw = (file: string, tables: string[], reason: string): AllowEntry[] =>
  tables.map((subject) => ({ rule: 'raw-sql', file, subject, reason }));

export const ARCHITECTURE_ALLOW: AllowEntry[] = [
  // --- queries outside a repository ---
  query('platform/db/database.ts', `${DRIVER} (queryRows, insertJsonRows, pool and PGlite set-up)`),
  query('platform/db/statement.ts', `${DRIVER} (named statements, runStatement)`),
  query('platform/db/migrate.ts', `${DRIVER}: migrations under an advisory lock`),
  query('platform/db/backup.ts', `${DRIVER}: backup and restore check the embedded database opens`),
  query('platform/db/pglite-data-dir.ts', `${DRIVER}: opening the embedded data directory checks it answers`),
  query('seed/demo-club.ts', SEED),
  query('seed/demo-club-events.ts', SEED),
  query('seed/demo-club-magazine.ts', SEED),
  query('seed/demo-club-partners.ts', SEED),
  query('seed/demo-customers.ts', SEED),
  query('seed/demo-kpi-history.ts', SEED),
  query('seed/demo-lessons.ts', SEED),
  query('seed/demo-property.ts', SEED),
  query('seed/demo-quality.ts', SEED),
  query('seed/demo-services.ts', SEED),
  query('seed/demo-surveys.ts', SEED),
  query('seed/demo-tickets.ts', SEED),
  query('seed/scale.ts', SEED),
  query(
    'platform/imports/import.service.ts',
    'import chunks take per-key advisory locks (lockRows) in their transaction; no table is read',
  ),
  query(
    'modules/tickets/ticket.statements.ts',
    `${HOT}: the ticket page, open and transition statements are defined here and run by TicketRepository`,
  ),
  query(
    'modules/customers/customer-import.batch.ts',
    "set-based roster import (decisions §11): a dozen statements per chunk against the importer's transaction",
  ),
  query(
    'modules/property/unit-lookup.ts',
    'a read-only lookup class, a repository in all but name (rename to unit-lookup.repository.ts)',
  ),

  // --- a module importing another owner's tables or repository ---
  imports(
    'modules/customers/customer.tables.ts',
    'modules/property/property.tables.ts',
    `${FK}: an ownership is of a unit`,
  ),
  imports(
    'modules/portal/portal.tables.ts',
    'modules/customers/customer.tables.ts',
    `${FK}: owner sessions and codes belong to a customer`,
  ),
  imports('modules/property/property.tables.ts', 'modules/org/org.tables.ts', `${FK}: a project row is its org node`),
  imports(
    'modules/org/org.tables.ts',
    'platform/auth/session.tables.ts',
    'foreign key the other way round: a staff session (platform/auth) belongs to a user, and the platform names no module, so org.tables.ts names users.id to the sessions table (sessionsBelongTo, decisions §27)',
  ),
  imports(
    'modules/customers/customer.repository.ts',
    'modules/property/property.tables.ts',
    `${SCOPE}: customers listed by the units they own within the reader's subtree`,
  ),
  imports(
    'modules/property/property.repository.ts',
    'modules/org/org.tables.ts',
    `${SCOPE}: a project is an org node; the project and unit lists filter, search and page by its path, name and code`,
  ),
  imports(
    'modules/property/unit-lookup.ts',
    'modules/org/org.tables.ts',
    `${SCOPE}: units found by id/code within the reader's subtree (the project's path)`,
  ),
  imports(
    'modules/tickets/ticket.repository.ts',
    'modules/org/org.tables.ts',
    `${HOT}: the queue list reads each row's project name, and a ticket's work orders their holder's name, in the page's statement`,
  ),
  imports(
    'modules/tickets/work-order.repository.ts',
    'modules/org/org.tables.ts',
    `${HOT}: dispatchState() reads the target unit, the ticket's orders and the unit's people in one statement`,
  ),
  imports(
    'modules/tickets/ticket.statements.ts',
    'platform/events/event.repository.ts',
    `${HOT}: eventWrites puts the domain event and its deliveries into the move's one statement (decisions §23)`,
  ),
  imports('modules/portal/portal.repository.ts', 'modules/tickets/ticket.tables.ts', PORTAL),
  imports(
    'modules/portal/portal.presenter.ts',
    'modules/tickets/ticket.tables.ts',
    `${PORTAL}: presents the ticket and callback rows it reads (types only)`,
  ),
  imports(
    'modules/portal/portal-requests.service.ts',
    'modules/tickets/ticket.tables.ts',
    `${PORTAL}: TicketRow of the read model (type only)`,
  ),

  // --- raw SQL naming another owner's table ---
  ...raw(
    'modules/portal/portal.repository.ts',
    [
      'customer_phones',
      'customer_scopes',
      'customers',
      'family_links',
      'ownerships',
      'units',
      'org_units',
      'tickets',
      'ticket_events',
      'notices',
      'notice_reads',
    ],
    PORTAL,
  ),
  ...raw(
    'modules/tickets/ticket.statements.ts',
    ['org_units'],
    `${HOT}: the ticket page, open and transition statements read project_name and the work orders' holder names`,
  ),
  ...raw(
    'modules/tickets/ticket.statements.ts',
    ['audit_events', 'customer_timeline'],
    `${HOT}: a transition writes its audit and customer-timeline rows in its one statement`,
  ),
  ...raw(
    'modules/tickets/ticket.statements.ts',
    ['survey_requests'],
    `${HOT}: the ticket page reads its callback (a repair_callback request of the surveys module, decisions §35) in the page's statement`,
  ),
  ...raw(
    'modules/tickets/ticket.repository.ts',
    ['survey_requests'],
    "the ticket's callback (a repair_callback request of the surveys module, decisions §35) read in the page's shape, for the portal's request page",
  ),
  ...raw(
    'modules/tickets/ticket.repository.ts',
    ['org_units'],
    `${HOT}: the queue page's project names and work-order holders in its statement`,
  ),
  ...raw(
    'modules/tickets/work-order.repository.ts',
    ['org_units', 'users', 'user_roles', 'roles'],
    `${HOT}: dispatchState() / handlers() read the unit's people with their permissions in one statement`,
  ),
  ...raw(
    'modules/tickets/sla/sla-policy.repository.ts',
    ['org_units', 'business_calendars'],
    `${HOT}: sla_inputs gives a new ticket's node, its city company and the company's calendar in one round trip`,
  ),
  ...raw(
    'modules/tickets/ticket.statements.ts',
    ['sla_clocks', 'business_calendars'],
    `${HOT}: a ticket's clocks are written, patched and read in the ticket's own statements (the row format is the sla module's clock-rows.ts); a change reads the company's calendar with the ticket`,
  ),
  ...raw(
    'modules/journeys/journey-subject.repository.ts',
    ['ownerships', 'units', 'delivery_batches', 'org_units', 'project_milestones'],
    "the journey planner's read model of homes (decisions §30): one set-based statement per page syncs the anchor dates of households and batches, a million ownerships at the first run",
  ),
  ...raw(
    'modules/customers/customer-import.batch.ts',
    ['units', 'org_units'],
    `${SCOPE}: a roster batch matches units by project code within the importer's subtree, set-based per batch`,
  ),
  ...raw(
    'modules/customers/customer.repository.ts',
    ['units'],
    `${SCOPE}: customers found by the units they own, within the reader's subtree`,
  ),
  ...raw(
    'modules/customers/customer-households.repository.ts',
    ['units'],
    "survey samples (docs/surveys.md): a batch's or project's households — each unit with its first owner and the dates of the journey stage — in one set-based statement",
  ),
  ...raw(
    'modules/customers/customer-360.repository.ts',
    ['units'],
    "the customer 360's homes and family links show unit codes in one statement",
  ),
  ...raw(
    'modules/org/user.repository.ts',
    ['sessions'],
    "ending a user's sessions and listing them with the user, in the user's transaction (platform/auth owns sessions)",
  ),
  ...raw(
    'platform/events/event.repository.ts',
    ['jobs'],
    "event delivery is a job (decisions §23): the fan-out and the replay write job rows in the event's statement",
  ),
  ...raw(
    'modules/analytics/kpi-facts.sql.ts',
    [
      'buildings',
      'delivery_batches',
      'handover_appointments',
      'open_day_items',
      'open_days',
      'org_units',
      'ownerships',
      'projects',
      'property_handovers',
      'property_visits',
      'sla_clocks',
      'survey_requests',
      'ticket_events',
      'tickets',
      'units',
      'work_orders',
    ],
    "the KPI engine's checked-in fact statements (decisions §34): set-based, read-only reads of the records each KPI counts",
  ),
  ...raw(
    'modules/quality/scorecards/scorecard.repository.ts',
    ['delivery_batches', 'survey_requests', 'tickets', 'units'],
    'the supplier scorecards and design feedback (decisions §49): set-based, read-only reads of a period’s repair items, their units and callbacks',
  ),
  ...raw(
    'modules/analytics/kpi-records.repository.ts',
    [
      'buildings',
      'delivery_batches',
      'open_day_items',
      'org_units',
      'sla_clocks',
      'survey_requests',
      'tickets',
      'units',
      'work_orders',
    ],
    "a KPI drill-down's labels and a batch's dates (decisions §34): read-only lookups of the records a figure counted",
  ),
  ...raw(
    'modules/analytics/dashboard.repository.ts',
    ['org_units', 'sla_clocks', 'survey_requests', 'tickets', 'work_orders'],
    "the dashboards' live counts in a scope (decisions §34): read-only counts of open tickets, clocks, work orders and due callbacks",
  ),
  ...raw(
    'modules/analytics/award.repository.ts',
    ['buildings', 'delivery_batches', 'ownerships', 'tickets', 'units'],
    "the quality awards' eligibility (decisions §34): read-only reads of move-in dates, batches and phases beside the runs' facts",
  ),
  ...raw(
    'modules/analytics/complaint-report.repository.ts',
    ['defect_categories', 'org_units', 'ticket_events', 'tickets'],
    'the monthly complaint report (decisions §34): read-only counts of the month’s tickets and their events',
  ),
  ...raw(
    'modules/analytics/survey-dashboard.repository.ts',
    ['survey_answers', 'survey_requests'],
    'the survey dashboard and dive curve (decisions §34): read-only top-box shares of answers in a scope and year',
  ),
];
