export * from './geo.ts';
export * from './events.ts';
