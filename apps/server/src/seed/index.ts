export { seedDemoCity, type SeedSummary } from './demo-city.ts';
export { DEMO_PASSWORD, DEMO_USERS, DEMO_USER_IDS, type DemoUser, type DemoUsername } from './demo-users.ts';
export { seedDemoCases } from './demo-cases.ts';
export { seedDemoLicensing } from './demo-licensing.ts';
export { seedDemoCommand, DEMO_GRID_OFFICER } from './demo-command.ts';
