export * from './enums.ts';
export * from './inputs.ts';
export * from './officer-eligibility.ts';
