export * from './masking.ts';
