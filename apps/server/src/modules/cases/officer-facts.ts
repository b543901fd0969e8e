import { AppError, type CaseOfficer } from '@zhifa/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { registryTables } from '../registry/index.ts';

const { officers, certificates, regions } = registryTables;

/** An officer as a step loads it: the guard facts (fresh certificates) plus what a page shows. */
export type LoadedOfficer = CaseOfficer & { name: string; certificateNo: string | null; agencyId: string };

/** Officers with their certificates as they stand now (行政处罚法 Art.42: a lapsed certificate stops counting at once). */
export async function loadOfficerFacts(tx: Db, ids: readonly string[]): Promise<LoadedOfficer[]> {
  if (ids.length === 0) return [];
  const [os, cs] = await Promise.all([
    tx.select().from(officers).where(inArray(officers.id, [...ids])),
    tx
      .select({ c: certificates, areaPath: regions.path })
      .from(certificates)
      .leftJoin(regions, eq(regions.code, certificates.areaCode))
      .where(inArray(certificates.officerId, [...ids])),
  ]);
  return ids.flatMap((id) => {
    const o = os.find((x) => x.id === id);
    if (!o) return [];
    const mine = cs.filter((c) => c.c.officerId === o.id);
    return [
      {
        id: o.id,
        name: o.name,
        agencyId: o.agencyId,
        certificateNo: (mine.find((c) => c.c.status === 'active') ?? mine[0])?.c.number ?? null,
        personnelType: o.personnelType,
        onDuty: o.onDuty,
        certificates: mine.map(({ c, areaPath }) => ({
          status: c.status,
          credentialType: c.credentialType,
          categories: c.categories,
          // An area code missing from the region table covers nothing (an impossible prefix).
          areaPath: areaPath ?? '\u0000',
          issuedOn: c.issuedOn,
          expiresOn: c.expiresOn,
          suspendedUntil: c.suspendedUntil,
        })),
      },
    ];
  });
}

/** Officers named for a step must all exist and belong to the acting agency. */
export async function checkOfficersOfAgency(tx: Db, ids: readonly string[], agencyId: string, path: string): Promise<void> {
  const os = ids.length ? await tx.select({ id: officers.id, agencyId: officers.agencyId }).from(officers).where(inArray(officers.id, [...ids])) : [];
  if (os.length !== new Set(ids).size || os.some((o) => o.agencyId !== agencyId)) {
    throw new AppError('VALIDATION_FAILED', { details: { issues: [{ path: [path], message: 'officers must belong to your agency', messageZh: '执法人员须为本机关执法人员' }] } });
  }
}

/** An instant as an ISO date-time in China time (+08:00): how legal times are stated and compared (行政强制法 Art.19). */
export function chinaDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}
