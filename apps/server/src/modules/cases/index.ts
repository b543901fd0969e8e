export { createCaseService, type CaseService } from './cases.service.ts';
export { caseRoutes } from './cases.routes.ts';
export { cases, caseEvents } from './cases.schema.ts';
