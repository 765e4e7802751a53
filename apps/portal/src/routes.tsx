import { type ComponentType, lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AuthGate } from './components/AuthGate';
import { RouteError } from './components/RouteError';
import { TabLayout } from './components/TabLayout';

/** Each page is its own chunk (pages use named exports), so the first screen loads only the shell. */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const LoginPage = page(() => import('./pages/LoginPage'), 'LoginPage');
const JoinClubPage = page(() => import('./pages/club/JoinClubPage'), 'JoinClubPage');
const HomePage = page(() => import('./pages/home/HomePage'), 'HomePage');
const HomeDetailPage = page(() => import('./pages/home/HomeDetailPage'), 'HomeDetailPage');
const AddFamilyPage = page(() => import('./pages/home/AddFamilyPage'), 'AddFamilyPage');
const ReportPage = page(() => import('./pages/report/ReportPage'), 'ReportPage');
const RepairPage = page(() => import('./pages/report/RepairPage'), 'RepairPage');
const FeedbackPage = page(() => import('./pages/report/FeedbackPage'), 'FeedbackPage');
const RequestsPage = page(() => import('./pages/requests/RequestsPage'), 'RequestsPage');
const RequestDetailPage = page(() => import('./pages/requests/RequestDetailPage'), 'RequestDetailPage');
const NoticesPage = page(() => import('./pages/notices/NoticesPage'), 'NoticesPage');
const NoticeDetailPage = page(() => import('./pages/notices/NoticeDetailPage'), 'NoticeDetailPage');
const MePage = page(() => import('./pages/me/MePage'), 'MePage');
const NotFoundPage = page(() => import('./pages/NotFoundPage'), 'NotFoundPage');
const RatePage = page(() => import('./pages/rate/RatePage'), 'RatePage');
const HandoverPage = page(() => import('./pages/handover/HandoverPage'), 'HandoverPage');
const HandoverInspectionPage = page(() => import('./pages/handover/HandoverInspectionPage'), 'HandoverInspectionPage');
const JourneyPage = page(() => import('./pages/journey/JourneyPage'), 'JourneyPage');
const DisclosurePage = page(() => import('./pages/disclosure/DisclosurePage'), 'DisclosurePage');
const OpenDaysPage = page(() => import('./pages/openDays/OpenDaysPage'), 'OpenDaysPage');
const EventsPage = page(() => import('./pages/events/EventsPage'), 'EventsPage');
const BenefitsPage = page(() => import('./pages/benefits/BenefitsPage'), 'BenefitsPage');
const ClubPage = page(() => import('./pages/club/ClubPage'), 'ClubPage');
const ClubPointsPage = page(() => import('./pages/club/ClubPointsPage'), 'ClubPointsPage');
const MagazinePage = page(() => import('./pages/club/MagazinePage'), 'MagazinePage');
const ServicesPage = page(() => import('./pages/services/ServicesPage'), 'ServicesPage');
const HomeCarePage = page(() => import('./pages/homeCare/HomeCarePage'), 'HomeCarePage');
const MySurveysPage = page(() => import('./pages/surveys/MySurveysPage'), 'MySurveysPage');
const MySurveyPage = page(() => import('./pages/surveys/MySurveyPage'), 'MySurveyPage');
const SurveyLinkPage = page(() => import('./pages/surveys/SurveyLinkPage'), 'SurveyLinkPage');

/** Served under /m/ (vite `base`); the tab pages show the TabBar, detail pages a NavBar with back. */
export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
    // the club's public sign-up: a visitor who is not a customer yet joins and is signed in
    { path: '/join', element: <JoinClubPage />, errorElement: <RouteError /> },
    // the SMS callback link: anyone holding it rates without signing in
    { path: '/rate/:token', element: <RatePage />, errorElement: <RouteError /> },
    // the SMS survey link: answered once without signing in
    { path: '/survey/:token', element: <SurveyLinkPage />, errorElement: <RouteError /> },
    {
      element: <AuthGate />,
      errorElement: <RouteError />,
      children: [
        {
          element: <TabLayout />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'report', element: <ReportPage /> },
            { path: 'requests', element: <RequestsPage /> },
            { path: 'notices', element: <NoticesPage /> },
            { path: 'me', element: <MePage /> },
          ],
        },
        { path: 'homes/:unitId', element: <HomeDetailPage /> },
        { path: 'homes/:unitId/family/new', element: <AddFamilyPage /> },
        { path: 'report/repair', element: <RepairPage /> },
        { path: 'report/:type', element: <FeedbackPage /> },
        { path: 'requests/:id', element: <RequestDetailPage /> },
        { path: 'notices/:id', element: <NoticeDetailPage /> },
        { path: 'journey', element: <JourneyPage /> },
        { path: 'disclosure', element: <DisclosurePage /> },
        { path: 'handover', element: <HandoverPage /> },
        { path: 'handover/:unitId/inspection', element: <HandoverInspectionPage /> },
        { path: 'open-days', element: <OpenDaysPage /> },
        { path: 'events', element: <EventsPage /> },
        { path: 'benefits', element: <BenefitsPage /> },
        { path: 'club', element: <ClubPage /> },
        { path: 'club/points', element: <ClubPointsPage /> },
        { path: 'club/magazine', element: <MagazinePage /> },
        { path: 'services', element: <ServicesPage /> },
        { path: 'home-care', element: <HomeCarePage /> },
        { path: 'surveys', element: <MySurveysPage /> },
        { path: 'surveys/:id', element: <MySurveyPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/m' },
);
