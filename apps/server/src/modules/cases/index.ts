export { createCaseService, type CaseService } from './cases.service.ts';
export { caseRoutes, eServiceRoutes, partyRoutes, simplifiedRoutes } from './cases.routes.ts';
export { createEServiceService, type EServiceService } from './e-service.service.ts';
export { createSimplifiedService, type SimplifiedService } from './simplified.service.ts';
export { cases, caseEvents, caseDocuments, parties } from './cases.schema.ts';
export { createNumberingService, type NumberingService } from './numbering.service.ts';
export { createPartyService, type PartyService } from './parties.service.ts';
export { createCaseDocumentService, type CaseDocumentService } from './case-documents.service.ts';
export { createCaseFileService, type CaseFileService } from './case-files.service.ts';
