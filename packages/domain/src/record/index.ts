export * from './evidence.ts';
export * from './access-request.ts';
export * from './av-requirement.ts';
