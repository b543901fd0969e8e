import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Every write to a registry is an event here: who, when, old and new values (principle 2). Append-only: a trigger
 * (migration 0001) refuses UPDATE and DELETE, so history cannot be rewritten through the application.
 */
export const changeEvents = pgTable(
  'change_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    actorName: text('actor_name'),
    requestId: text('request_id'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    /** Region path of the affected record, so a supervisor's history view can be scoped like the record itself. */
    regionPath: text('region_path'),
    agencyId: uuid('agency_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [
    index('change_events_entity_idx').on(t.entityType, t.entityId, t.id),
    index('change_events_region_idx').on(t.regionPath),
    uniqueIndex('change_events_idem_uq')
      .on(t.entityType, t.entityId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);

/** Security log (登录、锁定、解锁、授权、改密): what the audit administrator reviews. Append-only too. */
export const securityEvents = pgTable(
  'security_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    kind: text('kind').notNull(),
    userId: uuid('user_id'),
    username: text('username'),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    regionPath: text('region_path'),
    ip: text('ip'),
    requestId: text('request_id'),
    detail: jsonb('detail'),
  },
  (t) => [index('security_events_user_idx').on(t.userId, t.id), index('security_events_region_idx').on(t.regionPath)],
);
