export { createCommandService, type CommandService, type ReportInput } from './command.service.ts';
export { commandPublicRoutes, commandRoutes } from './command.routes.ts';
export { commandAttachments, commandCitizenAccess, commandEventLinks, commandEvents, commandEventLog, commandGrids, commandSources } from './command.schema.ts';
