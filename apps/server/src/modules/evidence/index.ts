export { createEvidenceService, type EvidenceService } from './evidence.service.ts';
export { evidenceRoutes } from './evidence.routes.ts';
export { evidence, evidenceAccess } from './evidence.schema.ts';
