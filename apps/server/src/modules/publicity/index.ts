export { createPublicityService, type PublicityService } from './publicity.service.ts';
export { createPublicReadService, type PublicReadService } from './public.service.ts';
export { createComplaintService, complaintWarningFinders, type ComplaintService, type ComplaintWarningFinder, type Finding as ComplaintFinding } from './complaints.service.ts';
export { complaintRoutes } from './complaints.routes.ts';
export { complaintAssignments, complaintIdentityReveals, complaintIntakeSources } from './complaints.schema.ts';
export { publicRoutes } from './public.routes.ts';
export { publicityRoutes } from './publicity.routes.ts';
export { publications, publicationTasks, publicationWithdrawals, publicationExclusions, publicationRedactionMarks, publicationReviews, complaints, complaintEvents } from './publicity.schema.ts';
