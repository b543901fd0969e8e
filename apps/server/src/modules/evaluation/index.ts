export { createEvaluationService, type EvaluationService, type CampaignInput, type CaseView } from './evaluation.service.ts';
export { createReturnVisitService, type ReturnVisitService, type BatchInput, type VisitInput } from './return-visits.service.ts';
export { createEvaluationDocuments, type EvaluationDocuments } from './evaluation-documents.ts';
export { evaluationRoutes } from './evaluation.routes.ts';
export { evaluationEvents, evaluationScoreSheets, returnVisitRecords, returnVisitPiiAccess, evaluationCampaigns, evaluationFiles } from './evaluation.schema.ts';
