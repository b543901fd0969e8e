export * from './agency-transfer.ts';
export * from './police-transfer.ts';
export * from './duplicates.ts';
