// All Drizzle tables, for drizzle-kit and the typed client. Modules own their tables; this file only gathers them.
export * from '../modules/audit/audit.schema.ts';
export * from '../modules/identity/identity.schema.ts';
export * from '../modules/registry/registry.schema.ts';
export * from '../modules/jobs/jobs.schema.ts';
export * from '../modules/imports/imports.schema.ts';
export * from '../modules/ledger/ledger.schema.ts';
export * from '../modules/evidence/evidence.schema.ts';
export * from '../modules/cases/cases.schema.ts';
export * from '../modules/cases/licensing.schema.ts';
export * from '../modules/cases/inspections.schema.ts';
export * from '../modules/cases/coercion.schema.ts';
export * from '../modules/publicity/publicity.schema.ts';
export * from '../modules/spot-checks/spot-checks.schema.ts';
export * from '../modules/review/review.schema.ts';
export * from '../modules/command/command.schema.ts';
export * from '../modules/statistics/statistics.schema.ts';
