export { createImportService, type ImportService, type ImportError } from './import.service.ts';
export { importRoutes } from './import.routes.ts';
export { ImportKinds, type ImportKind } from './kinds.ts';
export { buildWorkbook, loadWorkbook, readSheet } from './excel.ts';
export { ITEM_SHEET, TIER_SHEET, OFFICER_SHEET, SUBJECT_SHEET, REGION_SHEET } from './kinds.ts';
