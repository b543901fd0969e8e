export { createPublicityService, type PublicityService } from './publicity.service.ts';
export { createPublicReadService, type PublicReadService } from './public.service.ts';
export { createComplaintService, type ComplaintService } from './complaints.service.ts';
export { publicRoutes } from './public.routes.ts';
export { publicityRoutes } from './publicity.routes.ts';
export { publications, publicationTasks, publicationWithdrawals, publicationExclusions, complaints, complaintEvents } from './publicity.schema.ts';
