export * from './draw.ts';
export * from './description.ts';
export * from './plan.ts';
