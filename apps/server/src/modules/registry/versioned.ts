import { AppError } from '@zhifa/domain';
import { and, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';

/** Only the fields that changed, as {before, after} — what the history view shows as old → new. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after)) {
    if (k === 'version' || k === 'updatedAt' || k === 'createdAt') continue;
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a) };
}

/**
 * Optimistic concurrency: the UPDATE only matches the version the caller read; otherwise 409 VERSION_CONFLICT,
 * so two editors can never silently overwrite each other (principle 2).
 */
export async function updateVersioned<T extends PgTable>(
  tx: Db,
  table: T,
  where: SQL,
  versionCol: AnyColumn,
  expectedVersion: number,
  patch: Record<string, unknown>,
): Promise<T['$inferSelect']> {
  const rows = (await tx
    .update(table)
    .set({ ...patch, version: sql`${versionCol} + 1`, updatedAt: new Date() } as never)
    .where(and(where, eq(versionCol, expectedVersion)))
    .returning()) as T['$inferSelect'][];
  if (!rows[0]) throw new AppError('VERSION_CONFLICT', { details: { expectedVersion } });
  return rows[0];
}

export const toIso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Fields every registry record exposes. */
export function commonOut(r: { published: boolean; withdrawnAt: Date | null; withdrawReason: string | null; version: number; createdAt: Date; updatedAt: Date }) {
  return {
    published: r.published,
    withdrawnAt: toIso(r.withdrawnAt),
    withdrawReason: r.withdrawReason,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function fieldError(path: string, message: string, messageZh?: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: { issues: [{ path: [path], message, ...(messageZh ? { messageZh } : {}) }] } });
}
