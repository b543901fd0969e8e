export * from './draw.ts';
export * from './description.ts';
