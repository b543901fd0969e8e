export * from './warning-rules.ts';
export * from './lifecycle.ts';
