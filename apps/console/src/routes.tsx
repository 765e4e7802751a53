import type { Permission } from '@anju/contracts';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { type RouteObject, useRoutes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { AuthGate, FullPageSpin, NotFound, RequirePermission } from './components/guards';

/** Each page is its own chunk; pages use named exports. */
// every page may show customer and ticket words (pickers, kinds, fields): their strings load with the page's chunk
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => {
    const [module] = await Promise.all([load(), import('./pages/serviceStrings')]);
    return { default: module[name] };
  });

const LoginPage = page(() => import('./pages/LoginPage'), 'LoginPage');
const HomePage = page(() => import('./pages/HomePage'), 'HomePage');
const OrgPage = page(() => import('./pages/org/OrgPage'), 'OrgPage');
const UsersPage = page(() => import('./pages/users/UsersPage'), 'UsersPage');
const RolesPage = page(() => import('./pages/roles/RolesPage'), 'RolesPage');
const TokensPage = page(() => import('./pages/tokens/TokensPage'), 'TokensPage');
const AuditPage = page(() => import('./pages/audit/AuditPage'), 'AuditPage');
const ImportsPage = page(() => import('./pages/imports/ImportsPage'), 'ImportsPage');
const WorkOrdersPage = page(() => import('./pages/workOrders/WorkOrdersPage'), 'WorkOrdersPage');
const SlaPage = page(() => import('./pages/sla/SlaPage'), 'SlaPage');
const JourneysPage = page(() => import('./pages/journeys/JourneysPage'), 'JourneysPage');
const JourneyTasksPage = page(() => import('./pages/journeys/JourneyTasksPage'), 'JourneyTasksPage');
const OpenDaysPage = page(() => import('./pages/openDays/OpenDaysPage'), 'OpenDaysPage');
const OpenDayBoardPage = page(() => import('./pages/openDays/OpenDayBoardPage'), 'OpenDayBoardPage');
const DisclosurePage = page(() => import('./pages/disclosure/DisclosurePage'), 'DisclosurePage');
const AcceptanceMinePage = page(() => import('./pages/acceptance/AcceptanceMinePage'), 'AcceptanceMinePage');
const HandoverPage = page(() => import('./pages/handover/HandoverPage'), 'HandoverPage');
const HandoverBoardPage = page(() => import('./pages/handover/HandoverBoardPage'), 'HandoverBoardPage');
const HandoverAppointmentPage = page(
  () => import('./pages/handover/HandoverAppointmentPage'),
  'HandoverAppointmentPage',
);
const ClubMembersPage = page(() => import('./pages/club/ClubMembersPage'), 'ClubMembersPage');
const ClubEventsPage = page(() => import('./pages/clubEvents/ClubEventsPage'), 'ClubEventsPage');
const EventCheckInPage = page(() => import('./pages/clubEvents/EventCheckInPage'), 'EventCheckInPage');
const ClubPartnersPage = page(() => import('./pages/clubPartners/ClubPartnersPage'), 'ClubPartnersPage');
const ClubVouchersPage = page(() => import('./pages/clubPartners/ClubVouchersPage'), 'ClubVouchersPage');
const MagazinePage = page(() => import('./pages/clubMagazine/MagazinePage'), 'MagazinePage');
const PartnerHomePage = page(() => import('./pages/clubPartners/PartnerHomePage'), 'PartnerHomePage');
const ServicesPage = page(() => import('./pages/services/ServicesPage'), 'ServicesPage');
const ServiceRequestsPage = page(() => import('./pages/services/ServiceRequestsPage'), 'ServiceRequestsPage');
const KnowledgePage = page(() => import('./pages/knowledge/KnowledgePage'), 'KnowledgePage');
const ClustersPage = page(() => import('./pages/quality/ClustersPage'), 'ClustersPage');
const GroupCasesPage = page(() => import('./pages/quality/GroupCasesPage'), 'GroupCasesPage');
const LessonsPage = page(() => import('./pages/quality/LessonsPage'), 'LessonsPage');
const ScorecardsPage = page(() => import('./pages/quality/ScorecardsPage'), 'ScorecardsPage');
const DesignFeedbackPage = page(() => import('./pages/quality/DesignFeedbackPage'), 'DesignFeedbackPage');
const OutboxPage = page(() => import('./pages/outbox/OutboxPage'), 'OutboxPage');
const EventDeliveriesPage = page(() => import('./pages/events/EventDeliveriesPage'), 'EventDeliveriesPage');
const NoticesPage = page(() => import('./pages/notices/NoticesPage'), 'NoticesPage');
const CustomersPage = page(() => import('./pages/customers/CustomersPage'), 'CustomersPage');
const CustomerDetailPage = page(() => import('./pages/customers/CustomerDetailPage'), 'CustomerDetailPage');
const ProjectsPage = page(() => import('./pages/property/ProjectsPage'), 'ProjectsPage');
const ProjectDetailPage = page(() => import('./pages/property/ProjectDetailPage'), 'ProjectDetailPage');
const PropertyVisitsPage = page(() => import('./pages/property/PropertyVisitsPage'), 'PropertyVisitsPage');
const ProfilePage = page(() => import('./pages/profile/ProfilePage'), 'ProfilePage');
const TicketsPage = page(() => import('./pages/tickets/TicketsPage'), 'TicketsPage');
const TicketDetailPage = page(() => import('./pages/tickets/TicketDetailPage'), 'TicketDetailPage');
const TicketIntakePage = page(() => import('./pages/tickets/TicketIntakePage'), 'TicketIntakePage');
const KpiDashboardPage = page(() => import('./pages/analytics/KpiDashboardPage'), 'KpiDashboardPage');
const DashboardPage = page(() => import('./pages/analytics/DashboardPage'), 'DashboardPage');
const ComplaintReportPage = page(() => import('./pages/reports/ComplaintReportPage'), 'ComplaintReportPage');
const AwardsPage = page(() => import('./pages/reports/AwardsPage'), 'AwardsPage');
const SurveyDashboardPage = page(() => import('./pages/reports/SurveyDashboardPage'), 'SurveyDashboardPage');
const HistoryImportPage = page(() => import('./pages/imports/HistoryImportPage'), 'HistoryImportPage');
const SurveysPage = page(() => import('./pages/surveys/SurveysPage'), 'SurveysPage');
const SurveyCallsPage = page(() => import('./pages/surveys/SurveyCallsPage'), 'SurveyCallsPage');
const SurveyResponsesPage = page(() => import('./pages/surveys/SurveyResponsesPage'), 'SurveyResponsesPage');

const guarded = (permission: Permission, element: ReactNode) => (
  <RequirePermission permission={permission}>{element}</RequirePermission>
);

const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: <AuthGate />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'customers', element: guarded('customers.read', <CustomersPage />) },
          { path: 'customers/:id', element: guarded('customers.read', <CustomerDetailPage />) },
          { path: 'tickets', element: guarded('tickets.read', <TicketsPage />) },
          { path: 'tickets/new', element: guarded('tickets.manage', <TicketIntakePage />) },
          { path: 'tickets/:id', element: guarded('tickets.read', <TicketDetailPage />) },
          { path: 'projects', element: guarded('property.read', <ProjectsPage />) },
          { path: 'projects/:id', element: guarded('property.read', <ProjectDetailPage />) },
          { path: 'notices', element: guarded('property.read', <NoticesPage />) },
          { path: 'property-visits', element: guarded('property.read', <PropertyVisitsPage />) },
          { path: 'org', element: guarded('org.read', <OrgPage />) },
          { path: 'users', element: guarded('users.read', <UsersPage />) },
          { path: 'roles', element: guarded('roles.read', <RolesPage />) },
          { path: 'api-tokens', element: guarded('tokens.manage', <TokensPage />) },
          { path: 'audit', element: guarded('audit.read', <AuditPage />) },
          { path: 'imports', element: guarded('customers.import', <ImportsPage />) },
          { path: 'imports/history', element: guarded('history.import', <HistoryImportPage />) },
          { path: 'kpis', element: guarded('analytics.read', <KpiDashboardPage />) },
          { path: 'dashboards/survey', element: guarded('analytics.read', <SurveyDashboardPage />) },
          { path: 'dashboards/:kind', element: guarded('analytics.read', <DashboardPage />) },
          { path: 'reports/complaints', element: guarded('analytics.read', <ComplaintReportPage />) },
          { path: 'awards', element: guarded('analytics.read', <AwardsPage />) },
          { path: 'work-orders', element: guarded('workorders.handle', <WorkOrdersPage />) },
          { path: 'sla', element: guarded('tickets.read', <SlaPage />) },
          { path: 'surveys', element: guarded('surveys.manage', <SurveysPage />) },
          { path: 'survey-calls', element: guarded('callbacks.record', <SurveyCallsPage />) },
          { path: 'survey-responses', element: guarded('callbacks.record', <SurveyResponsesPage />) },
          { path: 'journeys', element: guarded('journeys.read', <JourneysPage />) },
          { path: 'journey-tasks', element: guarded('journeys.read', <JourneyTasksPage />) },
          { path: 'disclosure', element: guarded('journeys.read', <DisclosurePage />) },
          { path: 'acceptance', element: guarded('workorders.handle', <AcceptanceMinePage />) },
          { path: 'handover', element: guarded('journeys.read', <HandoverPage />) },
          { path: 'handover/batches/:batchId', element: guarded('journeys.read', <HandoverBoardPage />) },
          { path: 'handover/appointments/:id', element: guarded('journeys.read', <HandoverAppointmentPage />) },
          { path: 'open-days', element: guarded('journeys.read', <OpenDaysPage />) },
          { path: 'open-days/:id', element: guarded('journeys.read', <OpenDayBoardPage />) },
          { path: 'outbox', element: guarded('outbox.read', <OutboxPage />) },
          { path: 'club/members', element: guarded('club.read', <ClubMembersPage />) },
          { path: 'club/events', element: guarded('club.read', <ClubEventsPage />) },
          { path: 'club/events/:id/check-in', element: guarded('club.manage', <EventCheckInPage />) },
          { path: 'club/partners', element: guarded('club.read', <ClubPartnersPage />) },
          { path: 'club/vouchers', element: guarded('club.read', <ClubVouchersPage />) },
          { path: 'club/magazine', element: guarded('club.read', <MagazinePage />) },
          { path: 'partner', element: guarded('club.partner', <PartnerHomePage />) },
          { path: 'services', element: guarded('services.read', <ServicesPage />) },
          { path: 'service-requests', element: guarded('services.read', <ServiceRequestsPage />) },
          { path: 'quality/clusters', element: guarded('quality.read', <ClustersPage />) },
          { path: 'quality/clusters/:id', element: guarded('quality.read', <ClustersPage />) },
          { path: 'quality/cases', element: guarded('quality.read', <GroupCasesPage />) },
          { path: 'quality/cases/:id', element: guarded('quality.read', <GroupCasesPage />) },
          { path: 'quality/lessons', element: guarded('quality.read', <LessonsPage />) },
          { path: 'quality/scorecards', element: guarded('scorecards.read', <ScorecardsPage />) },
          { path: 'quality/design-feedback', element: guarded('scorecards.read', <DesignFeedbackPage />) },
          { path: 'knowledge', element: guarded('knowledge.read', <KnowledgePage />) },
          { path: 'event-deliveries', element: guarded('events.manage', <EventDeliveriesPage />) },
          { path: 'profile', element: <ProfilePage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

/**
 * The route tree, rendered inside Root's <BrowserRouter>. Declarative routing: the console uses no loaders,
 * actions or fetchers, and the data router (createBrowserRouter) would add about 16 KB gzipped to the first screen.
 */
export function AppRoutes() {
  return useRoutes(routes);
}
