export { createTransferService, transferWarningFinders, type Finding, type TransferService, type WarningFinder } from './transfers.service.ts';
export { transferRoutes } from './transfers.routes.ts';
export { caseTransfers, policeTransfers, transferAttachments, transferEvents } from './transfers.schema.ts';
