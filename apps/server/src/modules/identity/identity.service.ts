import { createHash, randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import {
  AppError,
  checkPassword,
  DEFAULT_PASSWORD_POLICY,
  isAdminRole,
  ROLES,
  type PasswordPolicy,
  type Role,
} from '@zhifa/domain';
import { and, asc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditService } from '../audit/index.ts';
import { actorFromUser, escapeLike, requirePermission, scopeCondition, type Actor } from '../../lib/actor.ts';
import { securitySettings, sessions, users } from './identity.schema.ts';

// argon2id with the OWASP-recommended minimum (m=19 MiB, t=2, p=1); @node-rs/argon2 per stack.md.
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** Absolute session lifetime regardless of activity. */
const SESSION_MAX_HOURS = 12;
/** Avoid a write per request: last-seen is refreshed at most once a minute. */
const TOUCH_EVERY_MS = 60_000;

export type UserRow = typeof users.$inferSelect;
export type SecuritySettings = {
  passwordPolicy: PasswordPolicy;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  version: number;
};

export function publicUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role | null,
    status: u.status,
    agencyId: u.agencyId,
    regionCode: u.regionCode,
    officerId: u.officerId,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    failedLogins: u.failedLogins,
    mustChangePassword: u.mustChangePassword,
    locale: u.locale,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
export type PublicUser = ReturnType<typeof publicUser>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface Deps {
  db: Db;
  audit: AuditService;
  clock: Clock;
  /** Region path lookup, injected by the composition root (identity must not import registry). */
  regionPathOf(code: string): Promise<string | null>;
  /** Agency (subject) lookup → its region path, to check a user's agency lies in the admin's scope. */
  agencyRegionPathOf(agencyId: string): Promise<string | null>;
  /** Agency names for display in account lists (the security administrator cannot read registries). */
  agencyNamesOf(ids: string[]): Promise<Map<string, string>>;
}

export function createIdentityService(deps: Deps) {
  const { db, audit, clock } = deps;
  // A real hash of a random string, verified when the username is unknown, so timing does not reveal which accounts exist.
  const dummyHash = argonHash(randomBytes(16).toString('hex'), ARGON);

  async function getSettings(tx: Db = db): Promise<SecuritySettings> {
    const [row] = await tx.select().from(securitySettings).where(eq(securitySettings.id, 1));
    return settingsOf(row ?? null);
  }

  function settingsOf(row: typeof securitySettings.$inferSelect | null): SecuritySettings {
    if (!row) {
      return { passwordPolicy: DEFAULT_PASSWORD_POLICY, lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: 30, version: 0 };
    }
    return {
      passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...(row.passwordPolicy as Partial<PasswordPolicy>) },
      lockoutThreshold: row.lockoutThreshold,
      lockoutMinutes: row.lockoutMinutes,
      idleTimeoutMinutes: row.idleTimeoutMinutes,
      version: row.version,
    };
  }

  async function getUserRow(tx: Db, id: string): Promise<UserRow> {
    const [u] = await tx.select().from(users).where(eq(users.id, id));
    if (!u) throw new AppError('NOT_FOUND');
    return u;
  }

  /** A user record the actor may manage: inside their region subtree, never themselves for role changes. */
  async function getManagedUser(tx: Db, actor: Actor, id: string): Promise<UserRow> {
    const [u] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, id), scopeCondition(actor, { regionPath: users.regionPath })));
    if (!u) throw new AppError('NOT_FOUND');
    return u;
  }

  async function assertPasswordAllowed(policy: PasswordPolicy, password: string, username: string, history: string[]) {
    const violations = checkPassword(password, policy, { username });
    if (violations.length) throw new AppError('PASSWORD_POLICY', { details: { violations, policy } });
    for (const old of history.slice(0, policy.historyCount)) {
      if (await argonVerify(old, password)) {
        throw new AppError('PASSWORD_POLICY', { details: { violations: ['reused'], policy } });
      }
    }
  }

  async function actorOf(u: UserRow): Promise<Actor> {
    return actorFromUser(u);
  }

  return {
    getSettings,
    hashPassword: (pw: string) => argonHash(pw, ARGON),

    /**
     * Password login. Lockout after `lockoutThreshold` consecutive failures for `lockoutMinutes` (等保2.0 8.1.4.1 b:
     * 登录失败处理). While locked, even the right password is refused, and the attempt is logged.
     */
    async login(input: { username: string; password: string; ip?: string | undefined; userAgent?: string | undefined; requestId?: string }) {
      const settings = await getSettings();
      const now = clock.now();
      const [u] = await db.select().from(users).where(eq(users.username, input.username));
      if (!u) {
        await argonVerify(await dummyHash, input.password).catch(() => false);
        await audit.recordSecurity(db, { kind: 'login_failed', username: input.username, ip: input.ip, requestId: input.requestId, detail: { reason: 'unknown_user' } });
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (u.lockedUntil && u.lockedUntil > now) {
        await audit.recordSecurity(db, { kind: 'login_refused_locked', userId: u.id, username: u.username, regionPath: u.regionPath, ip: input.ip, requestId: input.requestId });
        throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: u.lockedUntil.toISOString() } });
      }
      const ok = await argonVerify(u.passwordHash, input.password).catch(() => false);
      if (!ok) {
        // Count consecutive failures; an expired lock starts a fresh count.
        const failures = (u.lockedUntil && u.lockedUntil <= now ? 0 : u.failedLogins) + 1;
        const lock = failures >= settings.lockoutThreshold;
        const lockedUntil = lock ? new Date(now.getTime() + settings.lockoutMinutes * 60_000) : null;
        await db.transaction(async (tx) => {
          await tx.update(users).set({ failedLogins: lock ? 0 : failures, lockedUntil }).where(eq(users.id, u.id));
          await audit.recordSecurity(tx, { kind: 'login_failed', userId: u.id, username: u.username, regionPath: u.regionPath, ip: input.ip, requestId: input.requestId, detail: { failures } });
          if (lock) {
            await audit.recordSecurity(tx, { kind: 'account_locked', userId: u.id, username: u.username, regionPath: u.regionPath, ip: input.ip, requestId: input.requestId, detail: { lockedUntil: lockedUntil!.toISOString() } });
          }
        });
        throw new AppError('INVALID_CREDENTIALS', { details: { remainingAttempts: Math.max(0, settings.lockoutThreshold - failures) } });
      }
      if (u.status !== 'active' || !u.role) {
        await audit.recordSecurity(db, { kind: 'login_refused_inactive', userId: u.id, username: u.username, regionPath: u.regionPath, ip: input.ip, requestId: input.requestId });
        throw new AppError('ACCOUNT_INACTIVE', { details: { status: u.status } });
      }
      const token = randomBytes(32).toString('base64url');
      await db.transaction(async (tx) => {
        await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
        await tx.insert(sessions).values({ id: sha256(token), userId: u.id, createdAt: now, lastSeenAt: now, ip: input.ip ?? null, userAgent: input.userAgent?.slice(0, 300) ?? null });
        await audit.recordSecurity(tx, { kind: 'login', userId: u.id, username: u.username, regionPath: u.regionPath, ip: input.ip, requestId: input.requestId });
      });
      const expired = u.passwordChangedAt.getTime() + settings.passwordPolicy.maxAgeDays * 86400_000 < now.getTime();
      return { token, user: { ...publicUser(u), mustChangePassword: u.mustChangePassword || expired } };
    },

    /** Resolve a session cookie to an actor, enforcing the idle timeout (等保2.0 8.1.4.1 b: 连接超时自动退出). */
    async authenticate(token: string | undefined): Promise<{ actor: Actor; user: UserRow; mustChangePassword: boolean }> {
      if (!token) throw new AppError('UNAUTHENTICATED');
      const now = clock.now();
      // One round trip per request: the session with its user and the security settings (every API call passes here).
      const [row] = await db
        .select({ s: sessions, u: users, settings: securitySettings })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(securitySettings, eq(securitySettings.id, 1))
        .where(eq(sessions.id, sha256(token)));
      const s = row?.s;
      if (!s || s.revokedAt) throw new AppError('UNAUTHENTICATED');
      const settings = settingsOf(row.settings);
      const idleMs = settings.idleTimeoutMinutes * 60_000;
      if (now.getTime() - s.lastSeenAt.getTime() > idleMs || now.getTime() - s.createdAt.getTime() > SESSION_MAX_HOURS * 3600_000) {
        await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, s.id));
        throw new AppError('SESSION_EXPIRED');
      }
      const u = row.u;
      if (u.status !== 'active' || !u.role) {
        await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, s.id));
        throw new AppError('ACCOUNT_INACTIVE');
      }
      if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, s.id));
      }
      const expired = u.passwordChangedAt.getTime() + settings.passwordPolicy.maxAgeDays * 86400_000 < now.getTime();
      return { actor: await actorOf(u), user: u, mustChangePassword: u.mustChangePassword || expired };
    },

    async logout(token: string | undefined, actor: Actor | null, meta: { ip?: string; requestId?: string }) {
      if (!token) return;
      await db.transaction(async (tx) => {
        await tx.update(sessions).set({ revokedAt: clock.now() }).where(and(eq(sessions.id, sha256(token)), isNull(sessions.revokedAt)));
        if (actor) await audit.recordSecurity(tx, { kind: 'logout', userId: actor.userId, username: actor.username, regionPath: actor.regionPath, ip: meta.ip, requestId: meta.requestId });
      });
    },

    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, meta: { ip?: string; requestId?: string }) {
      const settings = await getSettings();
      const u = await getUserRow(db, actor.userId);
      if (!(await argonVerify(u.passwordHash, input.currentPassword).catch(() => false))) throw new AppError('INVALID_CREDENTIALS');
      await assertPasswordAllowed(settings.passwordPolicy, input.newPassword, u.username, [u.passwordHash, ...u.passwordHistory]);
      const newHash = await argonHash(input.newPassword, ARGON);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({
            passwordHash: newHash,
            passwordHistory: [u.passwordHash, ...u.passwordHistory].slice(0, 10),
            passwordChangedAt: clock.now(),
            mustChangePassword: false,
            version: u.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(users.id, u.id));
        // Other sessions end: a password change is the usual response to a suspected compromise.
        await tx.update(sessions).set({ revokedAt: clock.now() }).where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt)));
        await audit.recordSecurity(tx, { kind: 'password_changed', userId: u.id, username: u.username, actor, regionPath: u.regionPath, ip: meta.ip, requestId: meta.requestId });
      });
    },

    // ---- system administrator: accounts -------------------------------------------------------------------------

    async listUsers(actor: Actor, q: { q?: string | undefined; role?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
      if (actor.role !== 'system_admin' && actor.role !== 'security_admin') requirePermission(actor, 'user.manage');
      const conds: SQL[] = [scopeCondition(actor, { regionPath: users.regionPath })];
      if (q.q) conds.push(or(ilike(users.username, `%${escapeLike(q.q)}%`), ilike(users.displayName, `%${escapeLike(q.q)}%`))!);
      if (q.role) conds.push(eq(users.role, q.role));
      if (q.status) conds.push(eq(users.status, q.status));
      const where = and(...conds);
      const [rows, [{ total } = { total: 0 }]] = await Promise.all([
        db.select().from(users).where(where).orderBy(asc(users.username)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
      ]);
      const names = await deps.agencyNamesOf([...new Set(rows.map((r) => r.agencyId).filter((x): x is string => !!x))]);
      return { items: rows.map((r) => ({ ...publicUser(r), agencyName: r.agencyId ? (names.get(r.agencyId) ?? null) : null })), total, page: q.page, pageSize: q.pageSize };
    },

    async getUser(actor: Actor, id: string) {
      if (actor.role !== 'system_admin' && actor.role !== 'security_admin') requirePermission(actor, 'user.manage');
      return publicUser(await getManagedUser(db, actor, id));
    },

    /** The system administrator creates an account; it stays `pending` until the security administrator grants a role. */
    async createUser(
      actor: Actor,
      input: { username: string; displayName: string; initialPassword: string; regionCode: string; agencyId?: string | null | undefined; officerId?: string | null | undefined },
      meta: { requestId?: string },
    ) {
      requirePermission(actor, 'user.manage');
      const settings = await getSettings();
      const regionPath = await deps.regionPathOf(input.regionCode);
      if (!regionPath || !regionPath.startsWith(actor.regionPath)) {
        throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['regionCode'], message: 'unknown or out-of-scope region' }] } });
      }
      if (input.agencyId) {
        const agencyPath = await deps.agencyRegionPathOf(input.agencyId);
        if (!agencyPath || !agencyPath.startsWith(actor.regionPath)) {
          throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['agencyId'], message: 'unknown or out-of-scope agency' }] } });
        }
      }
      await assertPasswordAllowed(settings.passwordPolicy, input.initialPassword, input.username, []);
      const id = newId();
      const row = {
        id,
        username: input.username,
        displayName: input.displayName,
        passwordHash: await argonHash(input.initialPassword, ARGON),
        role: null,
        status: 'pending',
        agencyId: input.agencyId ?? null,
        officerId: input.officerId ?? null,
        regionCode: input.regionCode,
        regionPath,
        mustChangePassword: true,
      };
      await db.transaction(async (tx) => {
        await tx.insert(users).values(row);
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'user', entityId: id, action: 'create', after: row, regionPath });
      });
      return publicUser(await getUserRow(db, id));
    },

    async updateUser(
      actor: Actor,
      id: string,
      input: { version: number; displayName?: string | undefined; agencyId?: string | null | undefined; officerId?: string | null | undefined; status?: 'active' | 'disabled' | undefined },
      meta: { requestId?: string },
    ) {
      requirePermission(actor, 'user.manage');
      const u = await getManagedUser(db, actor, id);
      if (u.version !== input.version) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: u.version } });
      if (u.id === actor.userId && input.status === 'disabled') {
        throw new AppError('RULE_VIOLATION', { message: 'You cannot disable your own account.', messageZh: '不能停用自己的账号。' });
      }
      if (input.status === 'active' && !u.role) {
        throw new AppError('RULE_VIOLATION', { message: 'A security administrator must assign a role first.', messageZh: '须先由安全管理员分配角色。' });
      }
      const patch = {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.agencyId !== undefined ? { agencyId: input.agencyId } : {}),
        ...(input.officerId !== undefined ? { officerId: input.officerId } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        version: u.version + 1,
        updatedAt: clock.now(),
      };
      await db.transaction(async (tx) => {
        await tx.update(users).set(patch).where(eq(users.id, id));
        if (input.status === 'disabled') await tx.update(sessions).set({ revokedAt: clock.now() }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'user', entityId: id, action: 'update', before: publicUser(u), after: patch, regionPath: u.regionPath });
      });
      return publicUser(await getUserRow(db, id));
    },

    // ---- security administrator: roles, unlocks, resets, policy ------------------------------------------------

    /** Grant a role (三员分立: only the security administrator; never to oneself). */
    async assignRole(actor: Actor, id: string, input: { role: Role; version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'security.manage');
      if (!ROLES.includes(input.role)) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['role'], message: 'unknown role' }] } });
      const u = await getManagedUser(db, actor, id);
      if (u.id === actor.userId) {
        throw new AppError('SEPARATION_OF_DUTIES', { message: 'You cannot change your own role.', messageZh: '不能修改自己的角色。' });
      }
      if (u.version !== input.version) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: u.version } });
      const agencyRole = !isAdminRole(input.role) && input.role !== 'supervisor';
      if (agencyRole && !u.agencyId) {
        throw new AppError('RULE_VIOLATION', { message: 'This role works inside an agency; the account has none.', messageZh: '该角色须隶属执法机关，账号未指定机关。' });
      }
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ role: input.role, status: u.status === 'pending' ? 'active' : u.status, version: u.version + 1, updatedAt: clock.now() })
          .where(eq(users.id, id));
        await tx.update(sessions).set({ revokedAt: clock.now() }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
        await audit.recordSecurity(tx, { kind: 'role_assigned', userId: id, username: u.username, actor, regionPath: u.regionPath, requestId: meta.requestId, detail: { from: u.role, to: input.role } });
        await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'user', entityId: id, action: 'assign_role', before: { role: u.role }, after: { role: input.role }, regionPath: u.regionPath });
      });
      return publicUser(await getUserRow(db, id));
    },

    async unlock(actor: Actor, id: string, meta: { requestId?: string }) {
      requirePermission(actor, 'security.manage');
      const u = await getManagedUser(db, actor, id);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ lockedUntil: null, failedLogins: 0 }).where(eq(users.id, id));
        await audit.recordSecurity(tx, { kind: 'account_unlocked', userId: id, username: u.username, actor, regionPath: u.regionPath, requestId: meta.requestId });
      });
      return publicUser(await getUserRow(db, id));
    },

    async resetPassword(actor: Actor, id: string, input: { newPassword: string }, meta: { requestId?: string }) {
      requirePermission(actor, 'security.manage');
      const u = await getManagedUser(db, actor, id);
      if (u.id === actor.userId) throw new AppError('RULE_VIOLATION', { message: 'Use "change password" for your own account.', messageZh: '修改本人密码请使用“修改密码”。' });
      const settings = await getSettings();
      await assertPasswordAllowed(settings.passwordPolicy, input.newPassword, u.username, []);
      const newHash = await argonHash(input.newPassword, ARGON);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash: newHash, passwordHistory: [u.passwordHash, ...u.passwordHistory].slice(0, 10), mustChangePassword: true, passwordChangedAt: clock.now(), lockedUntil: null, failedLogins: 0 })
          .where(eq(users.id, id));
        await tx.update(sessions).set({ revokedAt: clock.now() }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
        await audit.recordSecurity(tx, { kind: 'password_reset', userId: id, username: u.username, actor, regionPath: u.regionPath, requestId: meta.requestId });
      });
      return publicUser(await getUserRow(db, id));
    },

    async updateSettings(actor: Actor, input: Omit<SecuritySettings, 'version'> & { version: number }, meta: { requestId?: string }) {
      requirePermission(actor, 'security.manage');
      const current = await getSettings();
      if (current.version !== input.version) throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
      const next = {
        passwordPolicy: input.passwordPolicy,
        lockoutThreshold: input.lockoutThreshold,
        lockoutMinutes: input.lockoutMinutes,
        idleTimeoutMinutes: input.idleTimeoutMinutes,
        version: current.version + 1,
        updatedAt: clock.now(),
      };
      await db.transaction(async (tx) => {
        await tx.insert(securitySettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: securitySettings.id, set: next });
        await audit.recordSecurity(tx, { kind: 'security_settings_changed', actor, regionPath: actor.regionPath, requestId: meta.requestId, detail: { before: current, after: next } });
      });
      return getSettings();
    },
  };
}
export type IdentityService = ReturnType<typeof createIdentityService>;
