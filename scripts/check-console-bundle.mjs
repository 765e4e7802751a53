#!/usr/bin/env node
/**
 * The staff console's budgets, gzipped: the first screen (apps/console/dist/index.html's entry script and
 * modulepreloads: login route, layout shell) within 250 KB, and any page (first screen + the page's lazy route
 * chunk + that chunk's static imports, from dist/.vite/manifest.json) within 400 KB. Run after `npm run build`;
 * exits 1 over budget or when the build or its manifest is missing.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBundle } from './bundle-budget.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;

/**
 * Pages over 400 KB when the check came in (figure then + at least 5 KB, to the next 10 KB). They may not grow
 * past it; the fix is in the page (its dialogs, pickers, uploaders and tables loaded with `lazy()` when opened),
 * after which its line goes. The check says when a line is no longer needed.
 */
const PAGE_ALLOWANCES = {
  'src/pages/tickets/TicketDetailPage.tsx': 530 * KB,
  'src/pages/notices/NoticesPage.tsx': 500 * KB,
  'src/pages/customers/CustomerDetailPage.tsx': 490 * KB,
  'src/pages/tickets/TicketsPage.tsx': 490 * KB,
  'src/pages/property/ProjectDetailPage.tsx': 480 * KB,
  'src/pages/sla/SlaPage.tsx': 470 * KB,
  'src/pages/workOrders/WorkOrdersPage.tsx': 460 * KB,
  'src/pages/audit/AuditPage.tsx': 440 * KB,
  'src/pages/tokens/TokensPage.tsx': 430 * KB,
  'src/pages/users/UsersPage.tsx': 430 * KB,
  'src/pages/customers/CustomersPage.tsx': 430 * KB,
  'src/pages/tickets/TicketIntakePage.tsx': 430 * KB,
  'src/pages/property/ProjectsPage.tsx': 420 * KB,
  'src/pages/imports/ImportsPage.tsx': 420 * KB,
  'src/pages/roles/RolesPage.tsx': 410 * KB,
};

const ok = checkBundle({
  name: 'check-console-bundle',
  dist: join(root, 'apps', 'console', 'dist'),
  base: '/',
  firstScreenLimit: 250 * KB,
  pageLimit: 400 * KB,
  pageAllowances: PAGE_ALLOWANCES,
});
if (!ok) process.exit(1);
