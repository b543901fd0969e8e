import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { setPasswordChangeHandler, setUnauthorizedHandler } from '../api/client.ts';
import { FullSpin, ME_KEY, Permission, RequireAuth, RequirePermission, useCan, type PermissionName } from '../auth/auth.tsx';
import { AdminLayout } from './layout/AdminLayout.tsx';
import LoginPage from './pages/LoginPage.tsx';

// Each page group is its own chunk; the back-office shell (layout, login) loads first.
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage.tsx'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const RegionsPage = lazy(() => import('./pages/regions/RegionsPage.tsx'));
const SubjectsPage = lazy(() => import('./pages/subjects/SubjectsPage.tsx'));
const SubjectDetailPage = lazy(() => import('./pages/subjects/SubjectDetailPage.tsx'));
const SubjectFormPage = lazy(() => import('./pages/subjects/SubjectFormPage.tsx'));
const EntrustmentsPage = lazy(() => import('./pages/entrustments/EntrustmentsPage.tsx'));
const EntrustmentDetailPage = lazy(() => import('./pages/entrustments/EntrustmentDetailPage.tsx'));
const EntrustmentFormPage = lazy(() => import('./pages/entrustments/EntrustmentFormPage.tsx'));
const OfficersPage = lazy(() => import('./pages/officers/OfficersPage.tsx'));
const OfficerDetailPage = lazy(() => import('./pages/officers/OfficerDetailPage.tsx'));
const OfficerFormPage = lazy(() => import('./pages/officers/OfficerFormPage.tsx'));
const ItemsPage = lazy(() => import('./pages/items/ItemsPage.tsx'));
const ItemDetailPage = lazy(() => import('./pages/items/ItemDetailPage.tsx'));
const ItemFormPage = lazy(() => import('./pages/items/ItemFormPage.tsx'));
const RuleProfilesPage = lazy(() => import('./pages/rules/RuleProfilesPage.tsx'));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage.tsx'));
const UsersPage = lazy(() => import('./pages/users/UsersPage.tsx'));
const SecurityPage = lazy(() => import('./pages/security/SecurityPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const TodoPage = lazy(() => import('./pages/cases/TodoPage.tsx'));
const CaseListPage = lazy(() => import('./pages/cases/CaseListPage.tsx'));
const CaseOpenPage = lazy(() => import('./pages/cases/CaseOpenPage.tsx'));
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetailPage.tsx'));
const ReviewWorkspacePage = lazy(() => import('./pages/cases/ReviewWorkspacePage.tsx'));
const ReviewChainPage = lazy(() => import('./pages/review/ReviewChainPage.tsx'));
const PartiesPage = lazy(() => import('./pages/cases/PartiesPage.tsx'));
const PartyDetailPage = lazy(() => import('./pages/cases/PartyDetailPage.tsx'));
const AccessRequestsPage = lazy(() => import('./pages/cases/AccessRequestsPage.tsx'));
const LicenceListPage = lazy(() => import('./pages/licensing/LicenceListPage.tsx'));
const LicenceRegisterPage = lazy(() => import('./pages/licensing/LicenceRegisterPage.tsx'));
const LicenceDetailPage = lazy(() => import('./pages/licensing/LicenceDetailPage.tsx'));
const LicensingBansPage = lazy(() => import('./pages/licensing/LicensingBansPage.tsx'));
const InspectionListPage = lazy(() => import('./pages/enforcement/InspectionListPage.tsx'));
const InspectionNewPage = lazy(() => import('./pages/enforcement/InspectionNewPage.tsx'));
const InspectionDetailPage = lazy(() => import('./pages/enforcement/InspectionDetailPage.tsx'));
const CoercionListPage = lazy(() => import('./pages/enforcement/CoercionListPage.tsx'));
const CoercionNewPage = lazy(() => import('./pages/enforcement/CoercionNewPage.tsx'));
const CoercionDetailPage = lazy(() => import('./pages/enforcement/CoercionDetailPage.tsx'));
const PublicityPage = lazy(() => import('./pages/publicity/PublicityPage.tsx'));
const PublicityReviewPage = lazy(() => import('./pages/publicity/PublicityReviewPage.tsx'));
const SimplifiedListPage = lazy(() => import('./pages/cases/SimplifiedPage.tsx').then((m) => ({ default: m.SimplifiedListPage })));
const SimplifiedNewPage = lazy(() => import('./pages/cases/SimplifiedPage.tsx').then((m) => ({ default: m.SimplifiedNewPage })));
const SimplifiedDetailPage = lazy(() => import('./pages/cases/SimplifiedPage.tsx').then((m) => ({ default: m.SimplifiedDetailPage })));
const SpotCheckPlansPage = lazy(() => import('./pages/spot-checks/SpotCheckPlansPage.tsx'));
const SpotCheckPlanWizardPage = lazy(() => import('./pages/spot-checks/SpotCheckPlanWizardPage.tsx'));
const SpotCheckPlanDetailPage = lazy(() => import('./pages/spot-checks/SpotCheckPlanDetailPage.tsx'));
const SpotCheckTasksPage = lazy(() => import('./pages/spot-checks/SpotCheckTasksPage.tsx'));
const SpotCheckTargetsPage = lazy(() => import('./pages/spot-checks/SpotCheckTargetsPage.tsx'));
const SpotCheckStatsPage = lazy(() => import('./pages/spot-checks/SpotCheckStatsPage.tsx'));
const EvaluationCampaignsPage = lazy(() => import('./pages/evaluation/EvaluationCampaignsPage.tsx'));
const EvaluationWizardPage = lazy(() => import('./pages/evaluation/EvaluationWizardPage.tsx'));
const EvaluationCampaignPage = lazy(() => import('./pages/evaluation/EvaluationCampaignPage.tsx'));
const EvaluationQueuePage = lazy(() => import('./pages/evaluation/EvaluationQueuePage.tsx'));
const EvaluationScorePage = lazy(() => import('./pages/evaluation/EvaluationScorePage.tsx'));
const ReturnVisitsPage = lazy(() => import('./pages/evaluation/ReturnVisitsPage.tsx'));
const ReturnVisitTaskPage = lazy(() => import('./pages/evaluation/ReturnVisitTaskPage.tsx'));
const ReturnVisitStatsPage = lazy(() => import('./pages/evaluation/ReturnVisitStatsPage.tsx'));
const CommandCentrePage = lazy(() => import('./pages/command/CommandCentrePage.tsx'));
const ComplaintsPage = lazy(() => import('./pages/complaints/ComplaintPages.tsx').then((m) => ({ default: m.ComplaintsPage })));
const ComplaintDetailPage = lazy(() => import('./pages/complaints/ComplaintPages.tsx').then((m) => ({ default: m.ComplaintDetailPage })));
const SupervisorsPage = lazy(() => import('./pages/liaison/LiaisonPages.tsx').then((m) => ({ default: m.SupervisorsPage })));
const ExpertsPage = lazy(() => import('./pages/liaison/LiaisonPages.tsx').then((m) => ({ default: m.ExpertsPage })));
const ContactPointsPage = lazy(() => import('./pages/liaison/LiaisonPages.tsx').then((m) => ({ default: m.ContactPointsPage })));
const SurveysPage = lazy(() => import('./pages/liaison/LiaisonPages.tsx').then((m) => ({ default: m.SurveysPage })));
const EvaluationsPage = lazy(() => import('./pages/liaison/LiaisonPages.tsx').then((m) => ({ default: m.EvaluationsPage })));
const CommandEventPage = lazy(() => import('./pages/command/CommandEventPage.tsx'));
const FieldPage = lazy(() => import('./pages/command/FieldPage.tsx'));
const DevicesPage = lazy(() => import('./pages/command/DevicesPage.tsx'));
const TransfersPage = lazy(() => import('./pages/transfers/TransfersPage.tsx'));
const TransferNewPage = lazy(() => import('./pages/transfers/TransferNewPage.tsx'));
const AgencyTransferPage = lazy(() => import('./pages/transfers/AgencyTransferPage.tsx'));
const PoliceTransferPage = lazy(() => import('./pages/transfers/PoliceTransferPage.tsx'));
const TransferDuplicatesPage = lazy(() => import('./pages/transfers/DuplicatesPage.tsx'));
const WarningsPage = lazy(() => import('./pages/supervision/WarningsPage.tsx'));
const WarningDetailPage = lazy(() => import('./pages/supervision/WarningsPage.tsx').then((m) => ({ default: m.WarningDetailPage })));
const SupervisionDocumentsPage = lazy(() => import('./pages/supervision/DocumentsPage.tsx'));
const DocumentIssuePage = lazy(() => import('./pages/supervision/DocumentsPage.tsx').then((m) => ({ default: m.DocumentIssuePage })));
const DocumentDetailPage = lazy(() => import('./pages/supervision/DocumentsPage.tsx').then((m) => ({ default: m.DocumentDetailPage })));
const SupervisionDashboardPage = lazy(() => import('./pages/statistics/SupervisionDashboardPage.tsx'));
const BigScreenPage = lazy(() => import('./pages/statistics/BigScreenPage.tsx'));
const AnnualReportsPage = lazy(() => import('./pages/statistics/AnnualReportsPage.tsx'));

const P = Permission;
const READ: PermissionName[] = [P.REGISTRY_READ];
const WRITE_AGENCY: PermissionName[] = [P.REGISTRY_WRITE_AGENCY];
const WRITE_SYSTEM: PermissionName[] = [P.REGISTRY_WRITE_SYSTEM];
const CASE_READ: PermissionName[] = [P.CASE_READ];
/** Those with steps to take: handlers (officers, agency heads) and legal reviewers. */
const CASE_WORK: PermissionName[] = [P.CASE_HANDLE, P.CASE_REVIEW];

function guard(any: PermissionName[], el: React.ReactNode) {
  return <RequirePermission any={any}>{el}</RequirePermission>;
}

/**
 * /admin: whoever handles or reviews cases lands on 我的待办; the command-centre dispatcher on 指挥中心; other registry
 * readers (supervisor, system administrator) get the dashboard; the other administrators their own duty page (三员分立).
 */
function AdminHome() {
  const can = useCan();
  if (can(P.CASE_HANDLE) || can(P.CASE_REVIEW)) return <Navigate to="/admin/todo" replace />;
  if (can(P.COMMAND_DISPATCH)) return <Navigate to="/admin/command" replace />;
  if (can(P.REGISTRY_READ)) return <DashboardPage />;
  if (can(P.SECURITY_MANAGE)) return <Navigate to="/admin/security" replace />;
  if (can(P.AUDIT_READ)) return <Navigate to="/admin/audit" replace />;
  if (can(P.USER_MANAGE)) return <Navigate to="/admin/users" replace />;
  return <NotFoundPage />;
}

/** Sends 401s to the login page (keeping where the user was) and PASSWORD_CHANGE_REQUIRED to the change page. */
function useSessionHandlers() {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const locRef = useRef(location);
  locRef.current = location;
  useEffect(() => {
    const offAuth = setUnauthorizedHandler((err) => {
      const loc = locRef.current;
      if (loc.pathname.startsWith('/admin/login')) return;
      qc.removeQueries({ queryKey: ME_KEY });
      const next = encodeURIComponent(loc.pathname + loc.search);
      navigate(`/admin/login?next=${next}&reason=${err.code}`, { replace: true });
    });
    const offPw = setPasswordChangeHandler(() => {
      void qc.invalidateQueries({ queryKey: ME_KEY });
      navigate('/admin/change-password', { replace: true });
    });
    return () => {
      offAuth();
      offPw();
    };
  }, [navigate, qc]);
}

export default function AdminApp() {
  useSessionHandlers();
  return (
    <Suspense fallback={<FullSpin />}>
      <Routes>
        <Route path="login" element={<LoginPage />} />
        <Route element={<RequireAuth />}>
          <Route path="change-password" element={<ChangePasswordPage />} />
          {/* 大屏: full screen, outside the menu layout */}
          <Route path="big-screen" element={guard(CASE_READ, <BigScreenPage />)} />
          <Route element={<AdminLayout />}>
            <Route index element={<AdminHome />} />
            <Route path="dashboard" element={guard(READ, <DashboardPage />)} />
            <Route path="todo" element={guard(CASE_WORK, <TodoPage />)} />
            <Route path="cases" element={guard(CASE_READ, <CaseListPage />)} />
            <Route path="cases/new" element={guard([P.CASE_HANDLE], <CaseOpenPage />)} />
            <Route path="cases/simplified" element={guard(CASE_READ, <SimplifiedListPage />)} />
            <Route path="cases/simplified/new" element={guard([P.CASE_HANDLE], <SimplifiedNewPage />)} />
            <Route path="cases/simplified/:id" element={guard(CASE_READ, <SimplifiedDetailPage />)} />
            <Route path="cases/:id" element={guard(CASE_READ, <CaseDetailPage />)} />
            <Route path="review" element={guard([P.CASE_REVIEW], <ReviewWorkspacePage />)} />
            <Route path="review-chain" element={guard([P.REGISTRY_WRITE_AGENCY], <ReviewChainPage />)} />
            <Route path="parties" element={guard(CASE_READ, <PartiesPage />)} />
            <Route path="parties/:id" element={guard(CASE_READ, <PartyDetailPage />)} />
            <Route path="record-access" element={guard(CASE_READ, <AccessRequestsPage />)} />
            <Route path="licensing" element={guard(CASE_READ, <LicenceListPage />)} />
            <Route path="licensing/new" element={guard([P.CASE_HANDLE], <LicenceRegisterPage />)} />
            <Route path="licensing/bans" element={guard(CASE_READ, <LicensingBansPage />)} />
            <Route path="licensing/:id" element={guard(CASE_READ, <LicenceDetailPage />)} />
            <Route path="inspections" element={guard(CASE_READ, <InspectionListPage />)} />
            <Route path="inspections/new" element={guard([P.CASE_HANDLE], <InspectionNewPage />)} />
            <Route path="inspections/:id" element={guard(CASE_READ, <InspectionDetailPage />)} />
            <Route path="coercive-measures" element={guard(CASE_READ, <CoercionListPage />)} />
            <Route path="coercive-measures/new" element={guard([P.CASE_HANDLE], <CoercionNewPage />)} />
            <Route path="coercive-measures/:id" element={guard(CASE_READ, <CoercionDetailPage />)} />
            <Route path="publicity" element={guard(CASE_READ, <PublicityPage />)} />
            <Route path="publicity/review" element={guard([P.PUBLICITY_REVIEW], <PublicityReviewPage />)} />
            <Route path="publicity/review/:id" element={guard(CASE_READ, <PublicityReviewPage />)} />
            <Route path="command" element={guard([P.COMMAND_READ], <CommandCentrePage />)} />
            <Route path="command/events/:id" element={guard([P.COMMAND_READ], <CommandEventPage />)} />
            <Route path="command/field" element={guard([P.COMMAND_FIELD], <FieldPage />)} />
            <Route path="command/devices" element={guard([P.COMMAND_DISPATCH], <DevicesPage />)} />
            <Route path="transfers" element={guard([P.TRANSFER_READ], <TransfersPage />)} />
            <Route path="transfers/new" element={guard([P.TRANSFER_HANDLE], <TransferNewPage />)} />
            <Route path="transfers/agency/:id" element={guard([P.TRANSFER_READ], <AgencyTransferPage />)} />
            <Route path="transfers/police/:id" element={guard([P.TRANSFER_READ], <PoliceTransferPage />)} />
            <Route path="transfers/duplicates" element={guard([P.TRANSFER_DESIGNATE], <TransferDuplicatesPage />)} />
            <Route path="supervision/warnings" element={guard([P.SUPERVISION_READ], <WarningsPage />)} />
            <Route path="supervision/warnings/:id" element={guard([P.SUPERVISION_READ], <WarningDetailPage />)} />
            <Route path="supervision/documents" element={guard([P.SUPERVISION_READ], <SupervisionDocumentsPage />)} />
            <Route path="supervision/documents/new" element={guard([P.SUPERVISION_ISSUE], <DocumentIssuePage />)} />
            <Route path="supervision/documents/:id" element={guard([P.SUPERVISION_READ], <DocumentDetailPage />)} />
            <Route path="regions" element={guard(READ, <RegionsPage />)} />
            <Route path="subjects" element={guard(READ, <SubjectsPage />)} />
            <Route path="subjects/new" element={guard(WRITE_SYSTEM, <SubjectFormPage />)} />
            <Route path="subjects/:id" element={guard(READ, <SubjectDetailPage />)} />
            <Route path="subjects/:id/edit" element={guard(WRITE_SYSTEM, <SubjectFormPage />)} />
            <Route path="entrustments" element={guard(READ, <EntrustmentsPage />)} />
            <Route path="entrustments/new" element={guard(WRITE_SYSTEM, <EntrustmentFormPage />)} />
            <Route path="entrustments/:id" element={guard(READ, <EntrustmentDetailPage />)} />
            <Route path="officers" element={guard(READ, <OfficersPage />)} />
            <Route path="officers/new" element={guard(WRITE_AGENCY, <OfficerFormPage />)} />
            <Route path="officers/:id" element={guard(READ, <OfficerDetailPage />)} />
            <Route path="officers/:id/edit" element={guard(WRITE_AGENCY, <OfficerFormPage />)} />
            <Route path="items" element={guard(READ, <ItemsPage />)} />
            <Route path="items/random" element={guard(READ, <ItemsPage list="random" />)} />
            <Route path="items/av" element={guard(READ, <ItemsPage list="av" />)} />
            <Route path="items/major" element={guard(READ, <ItemsPage list="major" />)} />
            <Route path="items/discretion" element={guard(READ, <ItemsPage list="discretion" />)} />
            <Route path="items/new" element={guard(WRITE_AGENCY, <ItemFormPage />)} />
            <Route path="items/:id" element={guard(READ, <ItemDetailPage />)} />
            <Route path="items/:id/edit" element={guard(WRITE_AGENCY, <ItemFormPage />)} />
            <Route path="rules" element={guard(READ, <RuleProfilesPage />)} />
            <Route path="calendar" element={guard(READ, <CalendarPage />)} />
            <Route path="users" element={guard([P.USER_MANAGE], <UsersPage />)} />
            <Route path="security" element={guard([P.SECURITY_MANAGE], <SecurityPage />)} />
            <Route path="audit" element={guard([P.AUDIT_READ], <AuditPage />)} />
            <Route path="spot-checks/plans" element={guard([P.SPOT_CHECK_READ], <SpotCheckPlansPage />)} />
            <Route path="spot-checks/plans/new" element={guard([P.SPOT_CHECK_PLAN], <SpotCheckPlanWizardPage />)} />
            <Route path="spot-checks/plans/:id" element={guard([P.SPOT_CHECK_READ], <SpotCheckPlanDetailPage />)} />
            <Route path="spot-checks/tasks" element={guard([P.SPOT_CHECK_READ], <SpotCheckTasksPage />)} />
            <Route path="spot-checks/targets" element={guard([P.SPOT_CHECK_READ], <SpotCheckTargetsPage />)} />
            <Route path="spot-checks/stats" element={guard([P.SPOT_CHECK_READ], <SpotCheckStatsPage />)} />
            <Route path="complaints" element={guard([P.COMPLAINT_READ], <ComplaintsPage />)} />
            <Route path="complaints/:id" element={guard([P.COMPLAINT_READ], <ComplaintDetailPage />)} />
            <Route path="liaison/supervisors" element={guard([P.LIAISON_READ], <SupervisorsPage />)} />
            <Route path="liaison/experts" element={guard([P.LIAISON_READ], <ExpertsPage />)} />
            <Route path="liaison/contact-points" element={guard([P.LIAISON_READ], <ContactPointsPage />)} />
            <Route path="liaison/surveys" element={guard([P.LIAISON_READ], <SurveysPage />)} />
            <Route path="liaison/evaluations" element={guard([P.LIAISON_READ], <EvaluationsPage />)} />
            <Route path="evaluation/campaigns" element={guard([P.EVALUATION_MANAGE, P.EVALUATION_SCORE, P.EVALUATION_RESPOND], <EvaluationCampaignsPage />)} />
            <Route path="evaluation/campaigns/new" element={guard([P.EVALUATION_MANAGE], <EvaluationWizardPage />)} />
            <Route path="evaluation/campaigns/:id" element={guard([P.EVALUATION_MANAGE, P.EVALUATION_SCORE, P.EVALUATION_RESPOND], <EvaluationCampaignPage />)} />
            <Route path="evaluation/queue" element={guard([P.EVALUATION_SCORE], <EvaluationQueuePage />)} />
            <Route path="evaluation/score/:id" element={guard([P.EVALUATION_SCORE, P.EVALUATION_MANAGE], <EvaluationScorePage />)} />
            <Route path="return-visits" element={guard([P.EVALUATION_SCORE], <ReturnVisitsPage />)} />
            <Route path="return-visits/stats" element={guard([P.EVALUATION_SCORE, P.EVALUATION_RESPOND], <ReturnVisitStatsPage />)} />
            <Route path="return-visits/:id" element={guard([P.EVALUATION_SCORE], <ReturnVisitTaskPage />)} />
            <Route path="statistics" element={guard(CASE_READ, <SupervisionDashboardPage />)} />
            <Route path="statistics/annual-reports" element={guard(CASE_READ, <AnnualReportsPage />)} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
