import { requiredAvStages, type AvFacts, type AvStage } from '@zhifa/domain';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { registryTables } from '../registry/index.ts';

/**
 * Stages of a case (inspection, measure) with a non-withdrawn audio/video recording on file. Provided by the evidence
 * module at the composition root (app.ts), so the case procedures do not import it (evidence reads cases).
 */
export type AvRecordedStages = (tx: Db, caseRef: string) => Promise<AvStage[]>;

/** REC3 facts for a step: what the item requires and what is recorded, read in the step's transaction. */
export async function loadAvFacts(tx: Db, itemId: string, caseRef: string, recorded: AvRecordedStages): Promise<AvFacts> {
  const [[item], stages] = await Promise.all([
    tx.select({ av: registryTables.items.avRequirements }).from(registryTables.items).where(eq(registryTables.items.id, itemId)),
    recorded(tx, caseRef),
  ]);
  return { required: requiredAvStages(item?.av), recorded: stages };
}
