export * from './calendar.ts';
export * from './deadline.ts';
export * from './cn-holidays.ts';
