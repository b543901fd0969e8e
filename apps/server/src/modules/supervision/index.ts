export { createSupervisionService, type SupervisionService, type ExternalFinder, type ScanResult } from './supervision.service.ts';
export { supervisionRoutes } from './supervision.routes.ts';
export { supervisionWarnings, supervisionWarningEvents, supervisionDocuments, supervisionDocumentEvents, supervisionMeasures } from './supervision.schema.ts';
