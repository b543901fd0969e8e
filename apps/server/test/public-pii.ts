import { findPersonalNumbers } from '@zhifa/domain';
import { sql, type SQL } from 'drizzle-orm';
import { expect } from 'vitest';
import { cases, inspections, licenceApplications, parties } from '../src/modules/cases/index.ts';
import { registryTables } from '../src/modules/registry/index.ts';
import type { TestApp } from './helpers.ts';

type Party = { type: 'individual' | 'organisation'; name: string; idNumber?: string; legalRepresentative?: string | null; phone?: string | null };

/**
 * Walk every public endpoint (and every published decision's page) and fail on any ID number, mobile or card number,
 * personal phone, or unmasked natural person known to the system: parties of cases, licence applicants, inspection
 * targets, legal representatives, officers' ID numbers and phones. Returns how many URLs and forbidden strings it checked.
 */
export async function expectNoPersonalDataOnPublicEndpoints(a: TestApp): Promise<{ urls: number; forbidden: number }> {
  const rows = async <T>(q: SQL) => ((await a.db.execute(q)) as unknown as { rows: T[] }).rows;
  const get = (url: string) => a.app.inject({ method: 'GET', url });
  const ps = await a.db.select().from(parties);
  const os = await a.db.select({ idNumber: registryTables.officers.idNumber, phone: registryTables.officers.phone }).from(registryTables.officers);
  const sources: Party[] = [
    ...(await a.db.select({ p: cases.party }).from(cases)).map((r) => r.p as Party),
    ...(await a.db.select({ p: licenceApplications.applicant }).from(licenceApplications)).map((r) => r.p as Party),
    ...(await a.db.select({ p: inspections.target }).from(inspections)).map((r) => r.p as Party),
  ];
  // Officers' names are published on purpose (P2): on the officer cards only numbers are checked, since a party's
  // name may also be (part of) an officer's name.
  const forbidden = new Set<string>();
  for (const p of ps) {
    if (p.type === 'individual') forbidden.add(p.name).add(p.identifier);
    if (p.legalRepresentative) forbidden.add(p.legalRepresentative);
    if (p.phone) forbidden.add(p.phone);
  }
  for (const party of sources) {
    if (party.type === 'individual') forbidden.add(party.name).add(party.idNumber ?? '');
    else if (party.legalRepresentative) forbidden.add(party.legalRepresentative);
    if (party.phone) forbidden.add(party.phone);
  }
  for (const o of os) {
    forbidden.add(o.idNumber);
    if (o.phone) forbidden.add(o.phone);
  }
  forbidden.delete('');

  const urls = ['/api/v1/public/decisions?pageSize=200', '/api/v1/public/decisions/export.csv', '/api/v1/public/decisions/export.json', '/api/v1/public/decisions/feed.atom', '/api/v1/public/subjects', '/api/v1/public/officers?pageSize=200', '/api/v1/public/items?pageSize=200', '/api/v1/public/sectors', '/api/v1/public/open311/v2/services.json'];
  for (const c of ['penalty', 'licence', 'inspection']) urls.push(`/api/v1/public/decisions?pageSize=200&category=${c}`);
  for (const l of ['random', 'av', 'major', 'discretion']) urls.push(`/api/v1/public/items?pageSize=200&list=${l}`);
  const pubIds = await rows<{ id: string }>(sql`select id from publications order by id`);
  for (const { id } of pubIds) urls.push(`/api/v1/public/decisions/${id}`);
  const officerPages = (await get('/api/v1/public/officers?pageSize=200')).json();
  for (let p = 2; p <= Math.ceil(officerPages.total / 200); p++) urls.push(`/api/v1/public/officers?pageSize=200&page=${p}`);

  for (const url of urls) {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    const body = res.body;
    // Ids (UUIDs) and hashes are random hex: a run like 'a13812345678' inside one is not a phone number.
    const text = body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>').replace(/[0-9a-f]{32,}/gi, '<hash>');
    const numbers = findPersonalNumbers(text).filter((f) => f.kind !== 'landline'); // agencies' office phones are public (P2)
    expect(numbers, url).toEqual([]);
    const isOfficerCards = url.includes('/officers');
    for (const f of forbidden) if (body.includes(f) && !(isOfficerCards && /\p{Script=Han}/u.test(f))) expect.fail(`${url} contains personal data: ${f.slice(0, 2)}…`);
  }
  return { urls: urls.length, forbidden: forbidden.size };
}
