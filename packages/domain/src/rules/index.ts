export * from './rule-keys.ts';
export * from './profiles.ts';
