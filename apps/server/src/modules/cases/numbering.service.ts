import { AppError, DEFAULT_DOCUMENT_NUMBER_TEMPLATE, formatDocumentNumber, NumberingConfigSchema } from '@zhifa/domain';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { registryTables } from '../registry/index.ts';
import { documentNumberSequences, numberingSettings } from './cases.schema.ts';

export interface AllocatedNumber {
  number: string;
  sequenceKey: string;
  year: number;
  seq: number;
}

/**
 * 文号 allocation. `allocate` must run inside the transaction that records the document or case step: the counter
 * row is locked by the upsert until that transaction ends, so concurrent steps queue on it (no duplicate) and a
 * rolled-back step releases its number (no gap).
 */
export function createNumberingService({ db }: { db: Db }) {
  async function settingsOf(agencyId: string, tx: Db) {
    const [s] = await tx.select().from(numberingSettings).where(eq(numberingSettings.agencyId, agencyId));
    if (s) return s;
    // Unconfigured agency: its short name stands in for the 机关代字 until an administrator sets one.
    const [a] = await tx.select({ name: registryTables.subjects.name, shortName: registryTables.subjects.shortName }).from(registryTables.subjects).where(eq(registryTables.subjects.id, agencyId));
    if (!a) throw new AppError('NOT_FOUND');
    return { agencyId, agencyCode: a.shortName ?? a.name, templates: {} as Record<string, string>, padding: 0, updatedAt: new Date(0) };
  }

  return {
    settingsOf: (agencyId: string) => settingsOf(agencyId, db),

    async allocate(tx: Db, agencyId: string, sequenceKey: string, business: string, year: number): Promise<AllocatedNumber> {
      const [row] = await tx
        .insert(documentNumberSequences)
        .values({ agencyId, sequenceKey, year, lastValue: 1 })
        .onConflictDoUpdate({
          target: [documentNumberSequences.agencyId, documentNumberSequences.sequenceKey, documentNumberSequences.year],
          set: { lastValue: sql`${documentNumberSequences.lastValue} + 1` },
        })
        .returning({ seq: documentNumberSequences.lastValue });
      const seq = row!.seq;
      const s = await settingsOf(agencyId, tx);
      const template = s.templates[sequenceKey] ?? DEFAULT_DOCUMENT_NUMBER_TEMPLATE;
      // GB/T 9704 §7.2.5 as practised (domain-rules DOC4): full year in 〔〕, no 第, no leading zeros unless configured.
      return { number: formatDocumentNumber(template, { agencyCode: s.agencyCode, business, year, seq }, { padding: s.padding }), sequenceKey, year, seq };
    },

    async configure(tx: Db, agencyId: string, raw: { agencyCode: string; templates?: Record<string, string>; padding?: number }) {
      const parsed = NumberingConfigSchema.safeParse(raw);
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', { details: { issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) } });
      const input = parsed.data;
      const [r] = await tx
        .insert(numberingSettings)
        .values({ agencyId, agencyCode: input.agencyCode, templates: input.templates ?? {}, padding: input.padding ?? 0 })
        .onConflictDoUpdate({ target: numberingSettings.agencyId, set: { agencyCode: input.agencyCode, templates: input.templates ?? {}, padding: input.padding ?? 0, updatedAt: new Date() } })
        .returning();
      return r!;
    },
  };
}
export type NumberingService = ReturnType<typeof createNumberingService>;
