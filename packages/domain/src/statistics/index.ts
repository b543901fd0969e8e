export * from './periods.ts';
export * from './rates.ts';
export * from './regions.ts';
export * from './metrics.ts';
export * from './annual-report.ts';
