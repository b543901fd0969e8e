import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** One role per user; see packages/domain identity/roles.ts. */
    role: text('role'),
    /** pending = created by the system administrator, waiting for a role from the security administrator (三员分立). */
    status: text('status').notNull().default('pending'),
    agencyId: uuid('agency_id'),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
    officerId: uuid('officer_id'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    /** Previous argon2 hashes, newest first, to refuse reuse (password policy historyCount). */
    passwordHistory: jsonb('password_history').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    locale: text('locale').notNull().default('zh-CN'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_region_path_idx').on(t.regionPath), index('users_agency_idx').on(t.agencyId)],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256, so a DB leak yields no sessions. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Security settings owned by the security administrator: a single row (id = 1). */
export const securitySettings = pgTable('security_settings', {
  id: integer('id').primaryKey(),
  passwordPolicy: jsonb('password_policy').notNull(),
  lockoutThreshold: integer('lockout_threshold').notNull().default(5),
  lockoutMinutes: integer('lockout_minutes').notNull().default(15),
  idleTimeoutMinutes: integer('idle_timeout_minutes').notNull().default(30),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
