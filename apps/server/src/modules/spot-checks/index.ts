export { createSpotCheckService, type SpotCheckService, type TargetInput, type PlanInput } from './spot-checks.service.ts';
export { spotCheckRoutes, TARGET_SHEET } from './spot-checks.routes.ts';
export { spotCheckTargets, spotCheckPlans, spotCheckDraws, spotCheckTasks, spotCheckEvents, spotCheckConflicts, type PlanSettings } from './spot-checks.schema.ts';
