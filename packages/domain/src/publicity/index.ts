export * from './redaction.ts';
export * from './search-tokens.ts';
export * from './publication.ts';
export * from './complaint-sla.ts';
