export { seedDemoCity, type SeedSummary } from './demo-city.ts';
export { DEMO_PASSWORD, DEMO_USERS, DEMO_USER_IDS, type DemoUser, type DemoUsername } from './demo-users.ts';
export { seedDemoCases } from './demo-cases.ts';
export { seedDemoLicensing } from './demo-licensing.ts';
export { seedDemoEnforcement } from './demo-enforcement.ts';
export { seedDemoPublicity } from './demo-publicity.ts';
export { seedDemoSpotChecks } from './demo-spot-checks.ts';
export { seedDemoReviewChains, DEMO_REVIEW_USERS } from './demo-review.ts';
export { seedDemoCommand, DEMO_GRID_OFFICER } from './demo-command.ts';
