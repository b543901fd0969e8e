export * from './errors/index.ts';
export * from './identity/index.ts';
export * from './registry/index.ts';
export * from './validation/index.ts';
export * from './calendar/index.ts';
export * from './rules/index.ts';
export * from './masking/index.ts';
export * from './ledger/index.ts';
