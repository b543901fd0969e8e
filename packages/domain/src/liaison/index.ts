export * from './liaison.ts';
