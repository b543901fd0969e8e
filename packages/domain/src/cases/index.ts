export * from './deadlines.ts';
export * from './penalty-guards.ts';
export * from './penalty-procedure.ts';
export * from './simplified-procedure.ts';
