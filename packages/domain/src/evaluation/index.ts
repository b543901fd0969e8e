export * from './rubric.ts';
export * from './campaign.ts';
export * from './return-visit.ts';
