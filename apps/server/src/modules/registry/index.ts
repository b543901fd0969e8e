export { createRegionService, regionOut, type RegionService } from './regions.service.ts';
export { createSubjectService, type SubjectService } from './subjects.service.ts';
export { createOfficerService, type OfficerService } from './officers.service.ts';
export { createItemService, ITEM_LISTS, type ItemService, type ItemList } from './items.service.ts';
export { createRuleService, type RuleService } from './rules.service.ts';
export { createRegistryStatsService, type RegistryStatsService } from './stats.service.ts';
export { registryRoutes, type RegistryServices } from './registry.routes.ts';
export * as registryTables from './registry.schema.ts';
