export { createCommandService, type CommandService, type ReportInput } from './command.service.ts';
export { commandRoutes } from './command.routes.ts';
export { commandEvents, commandEventLog, commandGrids, commandSources } from './command.schema.ts';
