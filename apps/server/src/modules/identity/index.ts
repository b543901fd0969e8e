export { requirePermission, scopeCondition, isInScope, escapeLike, type Actor } from '../../lib/actor.ts';
export { createIdentityService, publicUser, type IdentityService, type PublicUser } from './identity.service.ts';
export { authRoutes, userRoutes, SESSION_COOKIE } from './identity.routes.ts';
export { installAuthHook } from './auth.hook.ts';
export { users, sessions, securitySettings } from './identity.schema.ts';
