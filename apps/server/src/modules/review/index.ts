export { createReviewChainService, type ReviewChainService, type ChainInForce } from './review.service.ts';
export { reviewChainRoutes } from './review.routes.ts';
export { reviewChains, officerReviewPositions } from './review.schema.ts';
