import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { changeEvents, securityEvents } from './audit.schema.ts';
import { scopeCondition, type Actor } from '../../lib/actor.ts';

export interface ChangeInput {
  actor: Actor | null;
  requestId?: string | undefined;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  regionPath?: string | null;
  agencyId?: string | null;
  reason?: string | null;
  idempotencyKey?: string | null;
}

export interface SecurityInput {
  kind: string;
  userId?: string | null;
  username?: string | null;
  actor?: Actor | null;
  regionPath?: string | null;
  ip?: string | null;
  requestId?: string | undefined;
  detail?: Record<string, unknown>;
}

/** Strip secrets before anything reaches the append-only log (it can never be cleaned afterwards). */
function redactSecrets(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (!v || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(redactSecrets);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === 'passwordHash' || k === 'passwordHistory' || k === 'password') continue;
    out[k] = redactSecrets(val);
  }
  return out;
}

function toRow(e: ChangeInput) {
  return {
    actorId: e.actor?.userId ?? null,
    actorRole: e.actor?.role ?? 'system',
    actorName: e.actor?.displayName ?? 'system',
    requestId: e.requestId ?? null,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    regionPath: e.regionPath ?? null,
    agencyId: e.agencyId ?? null,
    before: (redactSecrets(e.before) ?? null) as never,
    after: (redactSecrets(e.after) ?? null) as never,
    reason: e.reason ?? null,
    idempotencyKey: e.idempotencyKey ?? null,
  };
}

/**
 * Where events go to become tamper-evident: the ledger module, injected by the composition root (audit must not
 * import it — the ledger's verifier reads the audit tables). Called in the same transaction as the event insert, so an
 * event and its log entry commit together or not at all.
 */
export interface LedgerAppender {
  append(tx: Db, items: { kind: string; ref: string; record: unknown }[]): Promise<void>;
}

export function createAuditService(deps: { ledger?: LedgerAppender } = {}) {
  const log = async (tx: Db, kind: string, rows: { id: number | string }[]) => {
    if (deps.ledger && rows.length) await deps.ledger.append(tx, rows.map((r) => ({ kind, ref: String(r.id), record: r })));
  };
  return {
    /**
     * Put rows of an append-only table (a procedure's events, a publication, …) into the tamper-evident log as they
     * were inserted (pass the `.returning()` rows). The kind must be one of the ledger's sources so the verifier can
     * read each row back and compare. Same transaction as the insert.
     */
    async appendRecords(tx: Db, kind: string, rows: { id: number | string }[]): Promise<void> {
      await log(tx, kind, rows);
    },

    /** Append a change event. Call inside the same transaction as the change itself. */
    async recordChange(tx: Db, e: ChangeInput): Promise<void> {
      await log(tx, 'change_event', await tx.insert(changeEvents).values(toRow(e)).returning());
    },

    /** Many events in batched inserts (bulk imports); same guarantees as recordChange. */
    async recordChanges(tx: Db, es: ChangeInput[]): Promise<void> {
      for (let k = 0; k < es.length; k += 500) await log(tx, 'change_event', await tx.insert(changeEvents).values(es.slice(k, k + 500).map(toRow)).returning());
    },

    async recordSecurity(tx0: Db, e: SecurityInput): Promise<void> {
      // Login failures are logged outside any business transaction; the event and its log entry still commit together.
      await tx0.transaction(async (tx) => {
      const rows = await tx.insert(securityEvents).values({
        kind: e.kind,
        userId: e.userId ?? null,
        username: e.username ?? null,
        actorId: e.actor?.userId ?? null,
        actorRole: e.actor?.role ?? null,
        regionPath: e.regionPath ?? null,
        ip: e.ip ?? null,
        requestId: e.requestId ?? null,
        detail: (e.detail ?? null) as never,
      }).returning();
      await log(tx, 'security_event', rows);
      });
    },

    /** History of one record (registry detail pages); scope is checked by the caller on the record itself. */
    async historyOf(db: Db, entityType: string, entityId: string) {
      return db
        .select()
        .from(changeEvents)
        .where(and(eq(changeEvents.entityType, entityType), eq(changeEvents.entityId, entityId)))
        .orderBy(desc(changeEvents.id))
        .limit(500);
    },

    /** The audit administrator's view of all changes in their region subtree, newest first, keyset-paginated. */
    async listChanges(db: Db, actor: Actor, q: { entityType?: string | undefined; before?: number | undefined; limit: number }) {
      const conds: SQL[] = [scopeCondition(actor, { regionPath: changeEvents.regionPath })];
      if (q.entityType) conds.push(eq(changeEvents.entityType, q.entityType));
      if (q.before) conds.push(lt(changeEvents.id, q.before));
      return db.select().from(changeEvents).where(and(...conds)).orderBy(desc(changeEvents.id)).limit(q.limit);
    },

    async listSecurity(db: Db, actor: Actor, q: { kind?: string | undefined; before?: number | undefined; limit: number }) {
      const conds: SQL[] = [scopeCondition(actor, { regionPath: securityEvents.regionPath })];
      if (q.kind) conds.push(eq(securityEvents.kind, q.kind));
      if (q.before) conds.push(lt(securityEvents.id, q.before));
      return db.select().from(securityEvents).where(and(...conds)).orderBy(desc(securityEvents.id)).limit(q.limit);
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
