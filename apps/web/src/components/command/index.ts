export * from './command-api.ts';
export { GridMap } from './GridMap.tsx';
