import { ROLES, type Role } from '@zhifa/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ErrorResponse, IdParams, meta, page, Pagination, stdErrors } from '../../lib/http.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { IdentityService } from './identity.service.ts';

export const SESSION_COOKIE = 'zf_sid';

const UserOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES as [Role, ...Role[]]).nullable(),
  status: z.string(),
  agencyId: z.string().nullable(),
  regionCode: z.string(),
  officerId: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number(),
  mustChangePassword: z.boolean(),
  locale: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const PolicyIn = z.object({
  minLength: z.number().int().min(8).max(64),
  minClasses: z.number().int().min(1).max(4),
  maxAgeDays: z.number().int().min(1).max(3650),
  historyCount: z.number().int().min(0).max(10),
});
const SettingsSchema = z.object({
  passwordPolicy: PolicyIn,
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(240),
  version: z.number().int(),
});

/** Login/logout/me: mounted under /api/v1/auth. Login is the only anonymous route here. */
export function authRoutes(identity: IdentityService, opts: { secureCookie: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'Log in with username and password (sets an httpOnly session cookie)',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
          response: { 200: z.object({ user: UserOut }), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 423: ErrorResponse },
        },
      },
      async (req, reply) => {
        const { token, user } = await identity.login({ ...req.body, ip: req.ip, userAgent: req.headers['user-agent'], requestId: String(req.id) });
        reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: opts.secureCookie });
        return { user };
      },
    );

    app.post('/logout', { config: { allowWithoutPasswordChange: true }, schema: { tags: ['auth'], summary: 'Log out (revokes the session)', response: { 204: z.null() } } }, async (req, reply) => {
      await identity.logout(req.cookies[SESSION_COOKIE], req.actor, meta(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.get(
      '/me',
      {
        config: { allowWithoutPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'The logged-in user, their role, scope and permissions',
          response: {
            200: z.object({
              user: UserOut,
              permissions: z.array(z.string()),
              scope: z.object({ kind: z.enum(['agency', 'region']), agencyId: z.string().nullable(), regionCode: z.string(), regionPath: z.string() }),
              mustChangePassword: z.boolean(),
            }),
            401: ErrorResponse,
          },
        },
      },
      async (req) => {
        const { user, mustChangePassword, permissions, scope } = req.authInfo!;
        return { user, permissions, scope, mustChangePassword };
      },
    );

    app.post(
      '/password',
      {
        config: { allowWithoutPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Change my password (checked against the password policy and recent passwords)',
          body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
          response: { 204: z.null(), ...stdErrors },
        },
      },
      async (req, reply) => {
        await identity.changePassword(actorOf(req), req.body, meta(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  };
}

/** Accounts (system administrator) and security duties (security administrator): /api/v1/users, /api/v1/security. */
export function userRoutes(identity: IdentityService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'List user accounts in my region (system or security administrator)',
          querystring: Pagination.extend({ q: z.string().max(64).optional(), role: z.string().optional(), status: z.string().optional() }),
          response: { 200: page(UserOut.extend({ agencyName: z.string().nullable() })), ...stdErrors },
        },
      },
      async (req) => identity.listUsers(actorOf(req), req.query),
    );
    app.get('/users/:id', { schema: { tags: ['users'], summary: 'One account', params: IdParams, response: { 200: UserOut, ...stdErrors } } }, async (req) =>
      identity.getUser(actorOf(req), req.params.id),
    );
    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create an account (system administrator; it waits for a role from the security administrator)',
          body: z.object({
            username: z.string().regex(/^[a-z0-9_.-]{3,32}$/),
            displayName: z.string().min(1).max(64),
            initialPassword: z.string().min(1).max(256),
            regionCode: z.string().regex(/^\d{6}(\d{3})?$/),
            agencyId: z.uuid().nullable().optional(),
            officerId: z.uuid().nullable().optional(),
          }),
          response: { 201: UserOut, ...stdErrors },
        },
      },
      async (req, reply) => reply.status(201).send(await identity.createUser(actorOf(req), req.body, meta(req))),
    );
    app.patch(
      '/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Edit an account profile, or enable/disable it (system administrator)',
          params: IdParams,
          body: z.object({
            version: z.number().int(),
            displayName: z.string().min(1).max(64).optional(),
            agencyId: z.uuid().nullable().optional(),
            officerId: z.uuid().nullable().optional(),
            status: z.enum(['active', 'disabled']).optional(),
          }),
          response: { 200: UserOut, ...stdErrors },
        },
      },
      async (req) => identity.updateUser(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post(
      '/users/:id/role',
      {
        schema: {
          tags: ['security'],
          summary: 'Assign a role (security administrator only; never to oneself)',
          params: IdParams,
          body: z.object({ role: z.enum(ROLES as [Role, ...Role[]]), version: z.number().int() }),
          response: { 200: UserOut, ...stdErrors },
        },
      },
      async (req) => identity.assignRole(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.post('/users/:id/unlock', { schema: { tags: ['security'], summary: 'Unlock a locked account (security administrator)', params: IdParams, response: { 200: UserOut, ...stdErrors } } }, async (req) =>
      identity.unlock(actorOf(req), req.params.id, meta(req)),
    );
    app.post(
      '/users/:id/reset-password',
      {
        schema: {
          tags: ['security'],
          summary: 'Reset a password; the user must change it at next login (security administrator)',
          params: IdParams,
          body: z.object({ newPassword: z.string().min(1).max(256) }),
          response: { 200: UserOut, ...stdErrors },
        },
      },
      async (req) => identity.resetPassword(actorOf(req), req.params.id, req.body, meta(req)),
    );
    app.get('/security/settings', { schema: { tags: ['security'], summary: 'Password policy, lockout and idle timeout', response: { 200: SettingsSchema, ...stdErrors } } }, async (req) => {
      requirePermission(actorOf(req), 'security.manage');
      return identity.getSettings();
    });
    app.put(
      '/security/settings',
      { schema: { tags: ['security'], summary: 'Change the password policy, lockout or idle timeout (security administrator)', body: SettingsSchema, response: { 200: SettingsSchema, ...stdErrors } } },
      async (req) => identity.updateSettings(actorOf(req), req.body, meta(req)),
    );
  };
}
