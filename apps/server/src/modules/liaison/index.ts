export {
  liaisonEvents,
  liaisonSupervisors,
  liaisonSupervisorCertificates,
  liaisonFieldSupervisions,
  liaisonExperts,
  liaisonExpertDraws,
  liaisonContactPoints,
  liaisonContactPlans,
  liaisonContactVisits,
  liaisonSurveys,
  liaisonSurveyTokens,
  liaisonSurveyResponses,
  liaisonEvaluations,
} from './liaison.schema.ts';
export { createLiaisonService, type LiaisonService } from './liaison.service.ts';
export { liaisonRoutes, liaisonPublicRoutes } from './liaison.routes.ts';
