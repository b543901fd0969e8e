export { createEvidenceService, type EvidenceService } from './evidence.service.ts';
export { evidenceRoutes } from './evidence.routes.ts';
export { evidence, evidenceAccess, evidenceAccessRequests, evidenceEvents } from './evidence.schema.ts';
export { createAccessRequestService, type AccessRequestService } from './access-requests.service.ts';
export { accessRequestRoutes } from './access-requests.routes.ts';
