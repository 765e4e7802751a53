/**
 * Files outside a table's module that may still read it, each with its reason. The architecture test
 * (org-tables.architecture.test.ts) fails on any other module file that reads the org tables; org lookups go
 * through the org module's directory (modules/org/org-directory.ts). Paths are relative to apps/server/src.
 */
export type AllowEntry = { file: string; table: string; reason: string };

const HOT = 'one-statement hot path (issue 12 item 7)';
const SCOPE = 'scope filter that must stay in SQL for performance: rows are filtered by the org path in the statement';

export const ARCHITECTURE_ALLOW: AllowEntry[] = [
  {
    file: 'modules/tickets/ticket.statements.ts',
    table: 'org_units',
    reason: `${HOT}: the ticket page, open and transition statements read project_name and the work orders' holder names in the statement`,
  },
  {
    file: 'modules/tickets/ticket.repository.ts',
    table: 'org_units',
    reason: `${HOT}: the queue list reads each row's project name, and a ticket's work orders their holder's name, in the page's statement.`,
  },

  {
    file: 'modules/tickets/work-order.repository.ts',
    table: 'org_units',
    reason: `${HOT}: dispatchState() reads the target unit, the ticket's orders and the unit's people in one statement; the work-order queue shows the holder's name in its page statement`,
  },
  {
    file: 'modules/tickets/work-order.repository.ts',
    table: 'users',
    reason: `${HOT}: dispatchState() / handlers() people with permissions`,
  },
  {
    file: 'modules/tickets/work-order.repository.ts',
    table: 'user_roles',
    reason: `${HOT}: permissions of the people in dispatchState() / handlers()`,
  },
  {
    file: 'modules/tickets/work-order.repository.ts',
    table: 'roles',
    reason: `${HOT}: permissions of the people in dispatchState() / handlers()`,
  },
  {
    file: 'modules/tickets/sla/sla.service.ts',
    table: 'org_units',
    reason: `${HOT}: sla_inputs gives a new ticket's node, its city company, the policies and the calendar in one round trip`,
  },
  {
    file: 'modules/customers/customer-import.batch.ts',
    table: 'org_units',
    reason: `${SCOPE}: a roster batch matches units by project code within the importer's subtree, set-based per batch`,
  },
  {
    file: 'modules/property/property.repository.ts',
    table: 'org_units',
    reason: `${SCOPE}: a project is an org node; the project and unit lists filter, search and page by the node's path, name and code`,
  },
  {
    file: 'modules/property/unit-lookup.ts',
    table: 'org_units',
    reason: `${SCOPE}: units found by id/code within the reader's subtree (the project's path).`,
  },
  {
    file: 'modules/property/unit.importer.ts',
    table: 'org_units',
    reason: `${SCOPE}: an imported row's project by code within the importer's subtree`,
  },
  {
    file: 'modules/property/property.tables.ts',
    table: 'org_units',
    reason: 'foreign key: a project row is its org node',
  },
  {
    file: 'modules/portal/portal.repository.ts',
    table: 'org_units',
    reason: `${HOT}: the owner's homes (project name and path, the owner's scope) and request list read in one statement per page; scopePathOf() falls back to the root in the same statement`,
  },
];
