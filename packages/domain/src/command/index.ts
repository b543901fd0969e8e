export * from './geo.ts';
export * from './events.ts';
export * from './conversion.ts';
export * from './stats.ts';
