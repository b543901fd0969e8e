export * from './evidence.ts';
export * from './access-request.ts';
