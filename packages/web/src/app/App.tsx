import { lazy, Suspense, type ComponentType } from 'react';
import { App as AntApp, ConfigProvider, Result, Skeleton } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Outlet, RouterProvider } from 'react-router';
import { ApiError } from './api';
import { AppLayout } from './AppLayout';
import { AuthProvider } from './auth';
import { RequireAuth } from './RequireAuth';
import { LoginPage } from '../features/auth/LoginPage';

/**
 * Every page but sign-in loads with its route (issue 16 item 9: one 1.1 MB chunk before): the shell and the
 * sign-in page come first, a page's code when it is opened; Suspense in Root and AppLayout shows a skeleton.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const HomePage = page(() => import('../features/home/HomePage'), 'HomePage');
const PatientListPage = page(() => import('../features/patients/PatientListPage'), 'PatientListPage');
const PatientDetailPage = page(() => import('../features/patients/PatientDetailPage'), 'PatientDetailPage');
const EditPatientPage = page(() => import('../features/patients/PatientEditPages'), 'EditPatientPage');
const NewPatientPage = page(() => import('../features/patients/PatientEditPages'), 'NewPatientPage');
const UsersPage = page(() => import('../features/admin/UsersPage'), 'UsersPage');
const OrganizationsPage = page(() => import('../features/admin/OrganizationsPage'), 'OrganizationsPage');
const FhirClientsPage = page(() => import('../features/fhir/FhirClientsPage'), 'FhirClientsPage');
const AuditPage = page(() => import('../features/admin/AuditPage'), 'AuditPage');
const BreakGlassReportPage = page(() => import('../features/admin/BreakGlassReportPage'), 'BreakGlassReportPage');
const AccountSecurityPage = page(() => import('../features/auth/AccountSecurityPage'), 'AccountSecurityPage');
const CasePage = page(() => import('../features/mdt/CasePage'), 'CasePage');
const CaseSubmitPage = page(() => import('../features/mdt/CaseSubmitPage'), 'CaseSubmitPage');
const MeetingPage = page(() => import('../features/mdt/MeetingPage'), 'MeetingPage');
const MeetingsPage = page(() => import('../features/mdt/MeetingsPage'), 'MeetingsPage');
const PresentationPage = page(() => import('../features/mdt/PresentationPage'), 'PresentationPage');
const TrackingPage = page(() => import('../features/mdt/TrackingPage'), 'TrackingPage');
const BedBoardPage = page(() => import('../features/ward/BedBoardPage'), 'BedBoardPage');
const TheatrePage = page(() => import('../features/theatre/TheatrePage'), 'TheatrePage');
const WorklistPage = page(() => import('../features/theatre/WorklistPage'), 'WorklistPage');
const FollowUpWorklistPage = page(() => import('../features/followup/FollowUpWorklistPage'), 'FollowUpWorklistPage');
const QuestionnairePage = page(() => import('../features/followup/QuestionnairePage'), 'QuestionnairePage');
const ConsultationsPage = page(() => import('../features/consultations/ConsultationsPage'), 'ConsultationsPage');
const NewConsultationPage = page(() => import('../features/consultations/NewConsultationPage'), 'NewConsultationPage');
const ConsultationPage = page(() => import('../features/consultations/ConsultationPage'), 'ConsultationPage');
const RegisterPage = page(() => import('../features/education/RegisterPage'), 'RegisterPage');
const CheckInPage = page(() => import('../features/education/CheckInPage'), 'CheckInPage');
const EventsPage = page(() => import('../features/education/EventsPage'), 'EventsPage');
const EventPage = page(() => import('../features/education/EventPage'), 'EventPage');
const StationPage = page(() => import('../features/education/StationPage'), 'StationPage');
const TraineePage = page(() => import('../features/education/TraineePage'), 'TraineePage');
const OccupancyPage = page(() => import('../features/ward/OccupancyPage'), 'OccupancyPage');
const SurvivalPage = page(() => import('../features/followup/SurvivalPage'), 'SurvivalPage');
const ResearchListPage = page(() => import('../features/research/ResearchListPage'), 'ResearchListPage');
const ResearchProjectPage = page(() => import('../features/research/ResearchProjectPage'), 'ResearchProjectPage');
const QualityPage = page(() => import('../features/quality/QualityPage'), 'QualityPage');
const VolumesPage = page(() => import('../features/quality/VolumesPage'), 'VolumesPage');
const LearningCurvePage = page(() => import('../features/quality/LearningCurvePage'), 'LearningCurvePage');
const CompletenessPage = page(() => import('../features/quality/CompletenessPage'), 'CompletenessPage');
const ConsultationFiguresPage = page(() => import('../features/consultations/FiguresPage'), 'FiguresPage');
const ConsultationPartnersPage = page(() => import('../features/consultations/PartnersPage'), 'PartnersPage');
const ConcordancePage = page(() => import('../features/mdt/ConcordancePage'), 'ConcordancePage');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t('errors.pageNotFound')} />;
}

/** Providers live inside the router so every page can use navigation hooks (and useBlocker). */
function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<Skeleton active style={{ padding: 24 }} />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      // The patient's questionnaire after discharge: public, phone-sized, outside the shell (docs/follow-up.md).
      { path: '/q', element: <QuestionnairePage /> },
      // Public registration and door check-in for forums and teaching classes: no account, phone-sized (docs/education.md).
      { path: '/register/:id', element: <RegisterPage /> },
      { path: '/checkin', element: <CheckInPage /> },
      // The MDT presentation view fills the screen, outside the shell (UX.md).
      {
        path: '/mdt/meetings/:id/present',
        element: (
          <RequireAuth permission="mdt:read">
            <PresentationPage />
          </RequireAuth>
        ),
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { path: '/', element: <HomePage /> },
          {
            path: '/patients',
            element: (
              <RequireAuth permission="patient:read">
                <PatientListPage />
              </RequireAuth>
            ),
          },
          {
            path: '/patients/new',
            element: (
              <RequireAuth permission="patient:create">
                <NewPatientPage />
              </RequireAuth>
            ),
          },
          {
            path: '/patients/:id',
            element: (
              <RequireAuth permission="patient:read">
                <PatientDetailPage />
              </RequireAuth>
            ),
          },
          {
            path: '/patients/:id/edit',
            element: (
              <RequireAuth permission="patient:update">
                <EditPatientPage />
              </RequireAuth>
            ),
          },
          {
            path: '/mdt',
            element: (
              <RequireAuth permission="mdt:read">
                <MeetingsPage />
              </RequireAuth>
            ),
          },
          {
            path: '/mdt/meetings/:id',
            element: (
              <RequireAuth permission="mdt:read">
                <MeetingPage />
              </RequireAuth>
            ),
          },
          {
            path: '/mdt/cases/new',
            element: (
              <RequireAuth permission="mdt:submit">
                <CaseSubmitPage />
              </RequireAuth>
            ),
          },
          {
            path: '/mdt/cases/:id',
            element: (
              <RequireAuth permission="mdt:read">
                <CasePage />
              </RequireAuth>
            ),
          },
          {
            path: '/mdt/tracking',
            element: (
              <RequireAuth permission="mdt:track">
                <TrackingPage />
              </RequireAuth>
            ),
          },
          {
            path: '/theatre',
            element: (
              <RequireAuth permission="theatre:read">
                <TheatrePage />
              </RequireAuth>
            ),
          },
          {
            path: '/theatre/worklist',
            element: (
              <RequireAuth permission="theatre:read">
                <WorklistPage />
              </RequireAuth>
            ),
          },
          {
            path: '/mdt/concordance',
            element: (
              <RequireAuth permission="mdt:track">
                <ConcordancePage />
              </RequireAuth>
            ),
          },
          {
            path: '/ward',
            element: (
              <RequireAuth permission="ward:read">
                <BedBoardPage />
              </RequireAuth>
            ),
          },
          {
            path: '/ward/occupancy',
            element: (
              <RequireAuth permission="ward:read">
                <OccupancyPage />
              </RequireAuth>
            ),
          },
          {
            path: '/consultations',
            element: (
              <RequireAuth permission="consultation:read">
                <ConsultationsPage />
              </RequireAuth>
            ),
          },
          {
            path: '/consultations/new',
            element: (
              <RequireAuth permission="consultation:request">
                <NewConsultationPage />
              </RequireAuth>
            ),
          },
          {
            path: '/consultations/figures',
            element: (
              <RequireAuth permission="consultation:read">
                <ConsultationFiguresPage />
              </RequireAuth>
            ),
          },
          {
            path: '/consultations/partners',
            element: (
              <RequireAuth permission="consultation:read">
                <ConsultationPartnersPage />
              </RequireAuth>
            ),
          },
          {
            path: '/consultations/:id',
            element: (
              <RequireAuth permission="consultation:read">
                <ConsultationPage />
              </RequireAuth>
            ),
          },
          {
            path: '/admin/users',
            element: (
              <RequireAuth anyOf={['user:manage', 'security:manage']}>
                <UsersPage />
              </RequireAuth>
            ),
          },
          {
            path: '/admin/organizations',
            element: (
              <RequireAuth permission="organization:manage">
                <OrganizationsPage />
              </RequireAuth>
            ),
          },
          {
            path: '/admin/fhir-clients',
            element: (
              <RequireAuth permission="fhir_client:manage">
                <FhirClientsPage />
              </RequireAuth>
            ),
          },
          {
            path: '/admin/audit',
            element: (
              <RequireAuth permission="audit:read">
                <AuditPage />
              </RequireAuth>
            ),
          },
          {
            path: '/admin/break-glass',
            element: (
              <RequireAuth permission="audit:read">
                <BreakGlassReportPage />
              </RequireAuth>
            ),
          },
          { path: '/account/security', element: <AccountSecurityPage /> },
          {
            path: '/events',
            element: (
              <RequireAuth permission="education:read">
                <EventsPage />
              </RequireAuth>
            ),
          },
          {
            path: '/events/:id',
            element: (
              <RequireAuth permission="education:read">
                <EventPage />
              </RequireAuth>
            ),
          },
          {
            path: '/station',
            element: (
              <RequireAuth permission="education:station">
                <StationPage />
              </RequireAuth>
            ),
          },
          {
            path: '/station/trainees/:id',
            element: (
              <RequireAuth permission="education:station">
                <TraineePage />
              </RequireAuth>
            ),
          },
          {
            path: '/follow-up',
            element: (
              <RequireAuth permission="followup:read">
                <FollowUpWorklistPage />
              </RequireAuth>
            ),
          },
          {
            path: '/analytics/survival',
            element: (
              <RequireAuth permission="analytics:survival">
                <SurvivalPage />
              </RequireAuth>
            ),
          },
          {
            path: '/research',
            element: (
              <RequireAuth permission="research:read">
                <ResearchListPage />
              </RequireAuth>
            ),
          },
          {
            path: '/research/:id',
            element: (
              <RequireAuth permission="research:read">
                <ResearchProjectPage />
              </RequireAuth>
            ),
          },
          {
            path: '/quality',
            element: (
              <RequireAuth permission="quality:read">
                <QualityPage />
              </RequireAuth>
            ),
          },
          {
            path: '/quality/volumes',
            element: (
              <RequireAuth permission="quality:read">
                <VolumesPage />
              </RequireAuth>
            ),
          },
          {
            path: '/quality/learning-curves',
            element: (
              <RequireAuth permission="quality:own">
                <LearningCurvePage />
              </RequireAuth>
            ),
          },
          {
            path: '/quality/completeness',
            element: (
              <RequireAuth permission="quality:read">
                <CompletenessPage />
              </RequireAuth>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{
        token: { colorPrimary: '#0b6e4f', borderRadius: 4 },
        // The selected menu item on a pale tint of the brand green, the text in the brand green (issue 16 item 9).
        components: { Menu: { itemSelectedBg: '#e6f2ec', itemSelectedColor: '#0b6e4f', itemActiveBg: '#e6f2ec' } },
      }}
      componentSize="middle"
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
