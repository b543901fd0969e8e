export { createJobRunner, type JobRunner, type JobHandler } from './job-runner.ts';
