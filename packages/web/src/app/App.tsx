import { lazy, Suspense } from 'react';
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
import { HomePage } from '../features/home/HomePage';
import { PatientListPage } from '../features/patients/PatientListPage';
import { PatientDetailPage } from '../features/patients/PatientDetailPage';
import { EditPatientPage, NewPatientPage } from '../features/patients/PatientEditPages';
import { UsersPage } from '../features/admin/UsersPage';
import { OrganizationsPage } from '../features/admin/OrganizationsPage';
import { FhirClientsPage } from '../features/fhir/FhirClientsPage';
import { AuditPage } from '../features/admin/AuditPage';
import { CasePage } from '../features/mdt/CasePage';
import { CaseSubmitPage } from '../features/mdt/CaseSubmitPage';
import { MeetingPage } from '../features/mdt/MeetingPage';
import { MeetingsPage } from '../features/mdt/MeetingsPage';
import { PresentationPage } from '../features/mdt/PresentationPage';
import { TrackingPage } from '../features/mdt/TrackingPage';
import { BedBoardPage } from '../features/ward/BedBoardPage';
import { TheatrePage } from '../features/theatre/TheatrePage';
import { WorklistPage } from '../features/theatre/WorklistPage';
import { FollowUpWorklistPage } from '../features/followup/FollowUpWorklistPage';
import { QuestionnairePage } from '../features/followup/QuestionnairePage';
import { ConsultationsPage } from '../features/consultations/ConsultationsPage';
import { NewConsultationPage } from '../features/consultations/NewConsultationPage';
import { ConsultationPage } from '../features/consultations/ConsultationPage';
import { RegisterPage } from '../features/education/RegisterPage';
import { CheckInPage } from '../features/education/CheckInPage';
import { EventsPage } from '../features/education/EventsPage';
import { EventPage } from '../features/education/EventPage';
import { StationPage } from '../features/education/StationPage';
import { TraineePage } from '../features/education/TraineePage';

// ECharts is heavy: the concordance figures load on demand.
const OccupancyPage = lazy(() => import('../features/ward/OccupancyPage').then((m) => ({ default: m.OccupancyPage })));
const SurvivalPage = lazy(() => import('../features/followup/SurvivalPage').then((m) => ({ default: m.SurvivalPage })));
const ResearchListPage = lazy(() => import('../features/research/ResearchListPage').then((m) => ({ default: m.ResearchListPage })));
const ResearchProjectPage = lazy(() =>
  import('../features/research/ResearchProjectPage').then((m) => ({ default: m.ResearchProjectPage })),
);
const QualityPage = lazy(() => import('../features/quality/QualityPage').then((m) => ({ default: m.QualityPage })));
const VolumesPage = lazy(() => import('../features/quality/VolumesPage').then((m) => ({ default: m.VolumesPage })));
const LearningCurvePage = lazy(() => import('../features/quality/LearningCurvePage').then((m) => ({ default: m.LearningCurvePage })));
const CompletenessPage = lazy(() => import('../features/quality/CompletenessPage').then((m) => ({ default: m.CompletenessPage })));
const ConsultationFiguresPage = lazy(() => import('../features/consultations/FiguresPage').then((m) => ({ default: m.FiguresPage })));
const ConcordancePage = lazy(() => import('../features/mdt/ConcordancePage').then((m) => ({ default: m.ConcordancePage })));

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
      <Outlet />
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
                <Suspense fallback={<Skeleton active />}>
                  <ConcordancePage />
                </Suspense>
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
                <Suspense fallback={<Skeleton active />}>
                  <OccupancyPage />
                </Suspense>
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
                <Suspense fallback={<Skeleton active />}>
                  <ConsultationFiguresPage />
                </Suspense>
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
                <Suspense fallback={<Skeleton active />}>
                  <SurvivalPage />
                </Suspense>
              </RequireAuth>
            ),
          },
          {
            path: '/research',
            element: (
              <RequireAuth permission="research:read">
                <Suspense fallback={<Skeleton active />}>
                  <ResearchListPage />
                </Suspense>
              </RequireAuth>
            ),
          },
          {
            path: '/research/:id',
            element: (
              <RequireAuth permission="research:read">
                <Suspense fallback={<Skeleton active />}>
                  <ResearchProjectPage />
                </Suspense>
              </RequireAuth>
            ),
          },
          {
            path: '/quality',
            element: (
              <RequireAuth permission="quality:read">
                <Suspense fallback={<Skeleton active />}>
                  <QualityPage />
                </Suspense>
              </RequireAuth>
            ),
          },
          {
            path: '/quality/volumes',
            element: (
              <RequireAuth permission="quality:read">
                <Suspense fallback={<Skeleton active />}>
                  <VolumesPage />
                </Suspense>
              </RequireAuth>
            ),
          },
          {
            path: '/quality/learning-curves',
            element: (
              <RequireAuth permission="quality:own">
                <Suspense fallback={<Skeleton active />}>
                  <LearningCurvePage />
                </Suspense>
              </RequireAuth>
            ),
          },
          {
            path: '/quality/completeness',
            element: (
              <RequireAuth permission="quality:read">
                <Suspense fallback={<Skeleton active />}>
                  <CompletenessPage />
                </Suspense>
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
