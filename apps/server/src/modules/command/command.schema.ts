import type { GridGeometry } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { bigserial, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 网格 of a comprehensive-enforcement team (seed 004: one team per area, officers assigned per grid). A grid layer is
 * reference data: changes are audited; a grid taken out of use is withdrawn (status), never deleted, so old events keep
 * their grid.
 */
export const commandGrids = pgTable(
  'command_grids',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    geometry: jsonb('geometry').$type<GridGeometry>().notNull(),
    /** Responsible officers (网格责任人), officers of the agency. */
    officerIds: jsonb('officer_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').$type<'active' | 'withdrawn'>().notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('command_grids_code_uq').on(t.agencyId, t.code), index('command_grids_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops'))],
);

export type CommandHandling = { note: string; evidenceIds: string[]; caseId?: string | null };
export type CommandReporter = { name?: string | null; phone?: string | null; userId?: string | null; sourceId?: string | null };

/** 指挥事件: projection of the append-only log below. */
export const commandEvents = pgTable(
  'command_events',
  {
    id: uuid('id').primaryKey(),
    eventNo: text('event_no').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    source: text('source').notNull(),
    reporter: jsonb('reporter').$type<CommandReporter>().notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    address: text('address'),
    gridId: uuid('grid_id'),
    status: text('status').notNull(),
    assigneeOfficerId: uuid('assignee_officer_id'),
    assigneeTeam: text('assignee_team'),
    mergedInto: uuid('merged_into'),
    evidenceIds: jsonb('evidence_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    handling: jsonb('handling').$type<CommandHandling>(),
    feedback: text('feedback'),
    reportedAt: timestamp('reported_at', { withTimezone: true, mode: 'string' }).notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true, mode: 'string' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'string' }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true, mode: 'string' }),
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'string' }),
    feedbackAt: timestamp('feedback_at', { withTimezone: true, mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('command_events_no_uq').on(t.eventNo),
    index('command_events_agency_idx').on(t.agencyId, t.status),
    index('command_events_dup_idx').on(t.agencyId, t.kind, t.reportedAt),
    index('command_events_region_path_idx').using('btree', t.regionPath.op('text_pattern_ops')),
  ],
);

/** Every step on a command event, in order. Append-only by trigger (custom migration). */
export const commandEventLog = pgTable(
  'command_event_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull(),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** Null for a device report (the source is in the payload). */
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('command_event_log_seq_uq').on(t.eventId, t.seq)],
);

/** A camera or sensor allowed to report through the webhook; only the sha256 of its token is kept. */
export const commandSources = pgTable('command_sources', {
  id: uuid('id').primaryKey(),
  agencyId: uuid('agency_id').notNull(),
  regionPath: text('region_path').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  tokenHash: text('token_hash').notNull(),
  status: text('status').$type<'active' | 'revoked'>().notNull().default('active'),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The grid the device watches (its reports still get the grid of their own location). */
  gridId: uuid('grid_id'),
  /** Last accepted webhook call (device management: a silent camera is noticed). */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  /** When the token was last replaced (rotation: the old token stops at once). */
  tokenRotatedAt: timestamp('token_rotated_at', { withTimezone: true }),
});

/**
 * A citizen's way back to their report (portal): only the sha256 of the verification code, and a counter of wrong
 * codes so the status page cannot be guessed (locked after 5 wrong tries). Not history — a credential, like sessions.
 */
export const commandCitizenAccess = pgTable('command_citizen_access', {
  eventId: uuid('event_id').primaryKey(),
  codeHash: text('code_hash').notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Photos a citizen sent with a report (blob store, content-addressed): what was sent is kept as sent. Append-only by
 * trigger and a ledger leaf. Never shown publicly; staff read them with the event.
 */
export const commandAttachments = pgTable(
  'command_attachments',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    blobId: text('blob_id').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    fileName: text('file_name').notNull(),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('command_attachments_event_idx').on(t.eventId)],
);

/**
 * An event converted into the procedure it called for (行政检查 or a penalty-case lead, opened by the cases module):
 * the link both ways — the event shows the case, the case's page asks here for its source event. Append-only, ledger leaf.
 */
export const commandEventLinks = pgTable(
  'command_event_links',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull(),
    /** inspection | penalty_lead */
    conversion: text('conversion').notNull(),
    targetId: uuid('target_id').notNull(),
    targetNo: text('target_no'),
    agencyId: uuid('agency_id').notNull(),
    regionPath: text('region_path').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('command_event_links_uq').on(t.eventId, t.conversion), index('command_event_links_target_idx').on(t.targetId)],
);
