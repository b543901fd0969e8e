import { AppError, permissionsOf, ROLE_SCOPE } from '@zhifa/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdentityService, PublicUser } from './identity.service.ts';
import { publicUser } from './identity.service.ts';
import { SESSION_COOKIE } from './identity.routes.ts';

export interface AuthInfo {
  user: PublicUser;
  mustChangePassword: boolean;
  permissions: string[];
  scope: { kind: 'agency' | 'region'; agencyId: string | null; regionCode: string; regionPath: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    authInfo: AuthInfo | null;
  }
  interface FastifyContextConfig {
    /** Route needs no login (login itself, the public portal API, OpenAPI). */
    public?: boolean;
    /** Route stays usable while a password change is pending (me, change password, logout). */
    allowWithoutPasswordChange?: boolean;
  }
}

/**
 * Every /api/v1 route is protected unless its config says `public: true`. The check is server-side and runs before
 * validation of the body, so an anonymous caller learns nothing about the route's shape.
 */
export function installAuthHook(app: FastifyInstance, identity: IdentityService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authInfo', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const cfg = req.routeOptions.config;
    const token = req.cookies?.[SESSION_COOKIE];
    if (cfg?.public) {
      // Logout and public routes tolerate a missing/expired session.
      return;
    }
    const { actor, user, mustChangePassword } = await identity.authenticate(token);
    req.actor = actor;
    req.authInfo = {
      user: publicUser(user),
      mustChangePassword,
      permissions: permissionsOf(actor.role),
      scope: { kind: ROLE_SCOPE[actor.role], agencyId: actor.agencyId, regionCode: actor.regionCode, regionPath: actor.regionPath },
    };
    if (mustChangePassword && !cfg?.allowWithoutPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });
}
