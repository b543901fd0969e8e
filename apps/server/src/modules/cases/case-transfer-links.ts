import { newLeadFacts } from './lead-facts.ts';
import { AppError, nextPenaltyStatus, type CrimeTransferOutcome, type PenaltyStatus } from '@zhifa/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AuditService } from '../audit/index.ts';
import { registryTables } from '../registry/index.ts';
import { caseEvents, cases, type StoredCaseFacts } from './cases.schema.ts';

/**
 * What the transfers module (案件移送, domain-rules §9) may do to a case, inside the caller's transaction so that the
 * transfer and the case change commit together. Each write is a case event with the next version, like a step of
 * CaseService.act, so the case's history shows the transfer. Kept apart from cases.service.ts.
 */
const { items, officers, regions, subjects } = registryTables;
type CaseRow = typeof cases.$inferSelect;

export async function lockCase(tx: Db, caseId: string): Promise<CaseRow | null> {
  const [r] = await tx.select().from(cases).where(and(eq(cases.id, caseId), eq(cases.procedure, 'ordinary'))).for('update');
  return r ?? null;
}

async function appendStep(tx: Db, audit: AuditService, actor: Actor, before: CaseRow, step: { action: string; to: string; facts: StoredCaseFacts; content?: CaseRow['content']; payload: Record<string, unknown>; reason?: string | null }, meta: { requestId?: string | undefined; at: Date }) {
  const now = meta.at;
  const [updated] = await tx
    .update(cases)
    .set({ status: step.to, facts: step.facts, ...(step.content ? { content: step.content } : {}), version: sql`${cases.version} + 1`, updatedAt: now })
    .where(and(eq(cases.id, before.id), eq(cases.version, before.version)))
    .returning();
  if (!updated) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion: before.version } });
  await audit.appendRecords(tx, 'case_event', await tx.insert(caseEvents).values({ caseId: before.id, seq: updated.version, action: step.action, fromStatus: before.status, toStatus: step.to, actorId: actor.userId, actorRole: actor.role, payload: step.payload, occurredAt: now }).returning());
  await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: before.id, action: step.action, before: { status: before.status }, after: { status: step.to, ...step.payload }, reason: step.reason ?? null, regionPath: updated.regionPath, agencyId: updated.agencyId });
  return updated;
}

/**
 * The case's `transfer` step (行政处罚法 Art.57(4); SAMR Art.60) taken as part of a transfer to another agency: refused
 * with INVALID_TRANSITION where the penalty table has no `transfer` (e.g. after the decision).
 */
export async function markCaseTransferred(tx: Db, audit: AuditService, actor: Actor, c: CaseRow, p: { day: string; reason: string; transferId: string }, meta: { requestId?: string | undefined; at: Date }) {
  const to = nextPenaltyStatus({ status: c.status as PenaltyStatus, suspendedFrom: c.facts.suspendedFrom }, 'transfer');
  if (!to) throw new AppError('INVALID_TRANSITION', { details: { status: c.status, action: 'transfer' } });
  const content = { ...c.content, reasons: [...(c.content.reasons ?? []), { action: 'transfer', reason: p.reason, on: p.day }] };
  return appendStep(tx, audit, actor, c, { action: 'transfer', to, facts: { ...c.facts, closingTriggerOn: p.day }, content, payload: { reason: p.reason, transferId: p.transferId }, reason: p.reason }, meta);
}

/**
 * The head's crime-transfer decision and its later outcome (国务院令第310号 Art.5, 10, 13): what the penalty guard
 * `crimeTransferBlocksDecision` reads. `police_declined` lets the penalty case go on (Art.10: handled administratively).
 */
export async function recordCrimeTransferDecision(tx: Db, audit: AuditService, actor: Actor, c: CaseRow, p: { day: string; outcome: CrimeTransferOutcome; policeTransferId: string }, meta: { requestId?: string | undefined; at: Date }) {
  const facts: StoredCaseFacts = { ...c.facts, isSuspectedCrime: true, crimeTransferDecision: { decidedOn: p.day, outcome: p.outcome } };
  return appendStep(tx, audit, actor, c, { action: 'record_crime_transfer', to: c.status, facts, payload: { outcome: p.outcome, policeTransferId: p.policeTransferId } }, meta);
}

/**
 * The receiving (or designated) agency opens its own case for a transferred one: a lead with the same party and act,
 * its own item and officers (validated like CaseService.open), the transfer as its origin in the open event.
 */
export async function openReceivedCase(
  tx: Db,
  audit: AuditService,
  actor: Actor,
  from: CaseRow,
  input: { agencyId: string; itemId: string; officerIds: string[]; transferId: string; day: string },
  meta: { requestId?: string | undefined; at: Date },
): Promise<CaseRow> {
  const [item] = await tx.select().from(items).where(eq(items.id, input.itemId));
  if (!item) throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['itemId'], message: 'unknown item', messageZh: '执法事项不存在' }] } });
  const [agency] = await tx.select().from(subjects).where(eq(subjects.id, input.agencyId));
  if (!agency) throw new AppError('NOT_FOUND');
  const os = input.officerIds.length ? await tx.select().from(officers).where(inArray(officers.id, input.officerIds)) : [];
  if (os.length !== new Set(input.officerIds).size || os.some((o) => o.agencyId !== input.agencyId)) {
    throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: ['officerIds'], message: 'officers must belong to your agency', messageZh: '承办人员须为本机关执法人员' }] } });
  }
  const [place] = await tx.select().from(regions).where(eq(regions.path, from.placePath));
  const f = from.facts;
  // The act and the party are the same; everything the sender did on its own case (filing, review, proposal) is not.
  const facts = newLeadFacts({
    partyType: f.partyType,
    item,
    placePath: place?.path ?? from.placePath,
    officerIds: input.officerIds,
    violation: f.violation,
    involvesLifeHealthOrFinancialSafety: f.involvesLifeHealthOrFinancialSafety,
    hasHarmfulConsequences: f.hasHarmfulConsequences,
    isSuspectedCrime: f.isSuspectedCrime,
    // The lead reached this agency on the day it accepted the transfer.
    discoveredOn: input.day,
  });
  const id = crypto.randomUUID();
  const now = meta.at;
  const [r] = await tx
    .insert(cases)
    .values({ id, procedure: 'ordinary', itemId: item.id, agencyId: agency.id, regionPath: agency.regionPath, sector: item.sector, placePath: facts.placePath, status: 'lead', facts, party: from.party, partyId: from.partyId, createdAt: now, updatedAt: now })
    .returning();
  const origin = { kind: 'transfer', transferId: input.transferId, fromCaseId: from.id };
  await audit.appendRecords(tx, 'case_event', await tx.insert(caseEvents).values({ caseId: id, seq: 1, action: 'open', fromStatus: null, toStatus: 'lead', actorId: actor.userId, actorRole: actor.role, payload: { itemId: item.id, officerIds: facts.officerIds, origin }, occurredAt: now }).returning());
  await audit.recordChange(tx, { actor, requestId: meta.requestId, entityType: 'case', entityId: id, action: 'open', after: { status: 'lead', itemId: item.id, officerIds: facts.officerIds, origin }, regionPath: agency.regionPath, agencyId: agency.id });
  return r!;
}
