export { createAuditService, type AuditService, type ChangeInput, type SecurityInput } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
export { changeEvents, securityEvents } from './audit.schema.ts';
export type { LedgerAppender } from './audit.service.ts';
