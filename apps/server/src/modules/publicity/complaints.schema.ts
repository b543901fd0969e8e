import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who handles a complaint, as history: every assignment or re-routing to another agency, with its reason, visible to
 * the supervisor (issue #6 item 5). Append-only and a ledger leaf ('complaint_assignment').
 */
export const complaintAssignments = pgTable(
  'complaint_assignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id').notNull(),
    fromAgencyId: uuid('from_agency_id'),
    toAgencyId: uuid('to_agency_id').notNull(),
    handlerId: uuid('handler_id'),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    regionPath: text('region_path').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('complaint_assignments_complaint_idx').on(t.complaintId, t.id)],
);

/**
 * Every look at a reporter's identity (CP2: kept confidential; shown unmasked only to the assigned handler, and each
 * reveal recorded). Append-only and a ledger leaf ('complaint_identity_reveal').
 */
export const complaintIdentityReveals = pgTable(
  'complaint_identity_reveals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id').notNull(),
    actorId: uuid('actor_id').notNull(),
    reason: text('reason').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('complaint_identity_reveals_complaint_idx').on(t.complaintId, t.id)],
);

/** A hotline (12345) or petition system allowed to post records by webhook; only the token's sha256 is kept. */
export const complaintIntakeSources = pgTable('complaint_intake_sources', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  channel: text('channel').notNull(),
  /** The supervisor's region: records it posts may only be routed to agencies inside it. */
  regionPath: text('region_path').notNull(),
  agencyId: uuid('agency_id'),
  tokenHash: text('token_hash').notNull(),
  status: text('status').$type<'active' | 'revoked'>().notNull().default('active'),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
