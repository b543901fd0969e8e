import fs from 'node:fs';
import path from 'node:path';
import { hash } from 'node:crypto';
import { canonicalJson, leafText, REVIEW_CHECKLIST_KEYS } from '@zhifa/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../src/lib/clock.ts';
import { createBlobStore } from '../src/modules/blobs/index.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { makeIdNumber, makeItemInput, makePenaltyStaff, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

/**
 * Issue #8: every rendered document file is a leaf of the tamper-evident log (case_document_file_records), the
 * verifier checks the stored blob against it, and the public "verify this record" finds it by its document number.
 */
let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const certified: string[] = [];
let reviewerOfficer: string;
let itemId: string;
let caseId: string;
let notice: { id: string; number: string };

type Case = { id: string; version: number; status: string; documents: { id: string; kind: string; number: string | null }[] };
const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
async function step(who: string, c: { id: string; version: number }, action: string, payload: Record<string, unknown> = {}): Promise<Case> {
  const res = await call(who, 'POST', `/api/v1/cases/${c.id}/actions/${action}`, { payload, version: c.version });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as Case;
}
/** A database administrator working around the application (triggers off). */
async function asDba(statement: string) {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local session_replication_role = replica'));
    await tx.execute(sql.raw(statement));
  });
}
const store = () => createBlobStore({ root: path.join(t.dataDir, 'blobs') });
const blobFile = (id: string) => path.join(t.dataDir, 'blobs', id.slice(7, 9), id.slice(9, 11), id.slice(7));
const findings = async () => (await verifyLedger(t.db, { blobs: store() })).findings.map((f) => `${f.code} ${f.where}`);

beforeAll(async () => {
  t = await makeTestApp({ clock: new FakeClock(new Date('2026-01-05T09:00:00+08:00')) });
  w = await makeWorld(t);
  const staff = await makePenaltyStaff(t, w, { prefix: 'DOC', names: ['文一', '文二'], legalQualificationNo: 'A20230029' });
  certified.push(...staff.certified);
  reviewerOfficer = staff.reviewerOfficer;
  await staff.addUser('other_officer', 'officer', '130100', w.otherMarket.id);
  itemId = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { avRequirements: {} }), {})).id;
  for (const u of ['officer', 'reviewer', 'other_officer']) cookies[u] = await login(t, u, TEST_PASSWORD);

  const open = await call('officer', 'POST', '/api/v1/cases', {
    itemId,
    placeRegionCode: '130302',
    party: { type: 'individual', name: '文某', idNumber: makeIdNumber(), address: '秦皇岛市海港区文化路9号' },
    officerIds: certified,
    violationOn: '2025-12-01',
    discoveredOn: '2025-12-10',
  });
  expect(open.statusCode, open.body).toBe(201);
  let c = open.json() as Case;
  c = await step('officer', c, 'file');
  c = await step('officer', c, 'start_investigation');
  c = await step('officer', c, 'end_investigation', { proposed: { types: ['fine'], fineAmount: 1000 }, findings: '当事人销售过期食品。', evidenceSummary: ['现场检查笔录'], legalBasis: '《食品安全法》第三十四条' });
  c = await step('officer', c, 'submit_review', { reviewerId: reviewerOfficer });
  c = await step('reviewer', c, 'pass_review', { checklist: REVIEW_CHECKLIST_KEYS.map((key) => ({ key, result: 'pass' })), opinion: '同意。' });
  c = await step('officer', c, 'serve_notice', { serviceMethod: 'direct', statementWaiverSigned: true });
  caseId = c.id;
  const d = c.documents.find((x) => x.kind === 'penalty_notice')!;
  notice = { id: d.id, number: d.number! };
}, 120_000);
afterAll(async () => t?.close());

describe('rendered documents in the tamper-evident log', () => {
  let pdfBlob: string;

  it('the first rendering of each format logs the file’s content hash once; the verifier finds nothing wrong', async () => {
    const pdf = await call('officer', 'GET', `/api/v1/cases/${caseId}/documents/${notice.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    pdfBlob = String(pdf.headers['x-content-sha256']);
    expect(`sha256:${hash('sha256', pdf.rawPayload, 'hex')}`).toBe(pdfBlob);
    expect((await call('officer', 'GET', `/api/v1/cases/${caseId}/documents/${notice.id}/pdf`)).headers['x-content-sha256']).toBe(pdfBlob);
    expect((await call('officer', 'GET', `/api/v1/cases/${caseId}/documents/${notice.id}/docx`)).statusCode).toBe(200);
    const rows = ((await t.db.execute(sql`select format, blob_id, document_number from case_document_file_records where document_id = ${notice.id} order by id`)) as unknown as { rows: { format: string; blob_id: string; document_number: string }[] }).rows;
    expect(rows.map((r) => r.format)).toEqual(['pdf', 'docx']);
    expect(rows[0]).toMatchObject({ blob_id: pdfBlob, document_number: notice.number });
    const entries = ((await t.db.execute(sql`select count(*)::int as n from ledger_entries where kind = 'document_file'`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    expect(entries).toBe(2);
    while ((await t.services.ledger.sequence()) > 0);
    await t.services.ledger.checkpoint();
    expect(await findings()).toEqual([]);
  });

  it('anyone finds the document by its number: the file’s hash, a leaf that hashes from the record, and its inclusion proof', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/ledger/document?number=${encodeURIComponent(notice.number)}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { number: string; kind: string; documentLeafHash: string | null; files: { format: string; blobId: string; record: Record<string, unknown>; leafHash: string; kind: string }[] };
    expect(body).toMatchObject({ number: notice.number, kind: 'penalty_notice' });
    expect(body.documentLeafHash).toMatch(/^[0-9a-f]{64}$/);
    const pdf = body.files.find((f) => f.format === 'pdf')!;
    expect(pdf.blobId).toBe(pdfBlob);
    // The browser's check: the record as shown hashes to the leaf, and the leaf is in the signed tree.
    expect(hash('sha256', leafText(pdf.kind, canonicalJson(pdf.record)), 'hex')).toBe(pdf.leafHash);
    const proof = await t.app.inject({ method: 'GET', url: `/api/v1/public/ledger/proof/inclusion?leafHash=${pdf.leafHash}` });
    expect(proof.statusCode, proof.body).toBe(200);
    // Nothing personal in the answer.
    expect(res.body).not.toContain('文某');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/ledger/document?number=${encodeURIComponent('冀秦市监罚告〔2026〕99999号')}` })).statusCode).toBe(404);
  });

  it('a swapped document file is named by the verifier', async () => {
    const file = blobFile(pdfBlob);
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.from('%PDF-1.7 a forged notice'));
    try {
      expect(await findings()).toEqual([expect.stringMatching(/^blob_swapped case_document_file_records#\d+$/)]);
    } finally {
      fs.writeFileSync(file, original);
    }
    fs.rmSync(file);
    try {
      expect(await findings()).toEqual([expect.stringMatching(/^blob_missing case_document_file_records#\d+$/)]);
    } finally {
      fs.writeFileSync(file, original);
    }
    expect(await findings()).toEqual([]);
  });

  it('pointing the served file at other bytes, or editing the logged record, is named', async () => {
    const forged = await store().put(Buffer.from('%PDF-1.7 another notice'));
    await asDba(`update case_document_files set sha256 = '${forged.id}' where document_id = '${notice.id}' and format = 'pdf'`);
    expect(await findings()).toEqual([`record_altered case_document_files#${notice.id}/pdf`]);
    await asDba(`update case_document_file_records set blob_id = '${forged.id}' where document_id = '${notice.id}' and format = 'pdf'`);
    const f = await findings();
    expect(f).toHaveLength(1);
    expect(f[0]).toMatch(/^record_altered case_document_file_records#\d+$/);
    // The append-only trigger refuses the same edit through the application's connection.
    await expect(t.db.execute(sql`update case_document_file_records set size_bytes = 1`)).rejects.toThrow();
  });

  it('the file of another agency’s case stays out of scope', async () => {
    expect((await call('other_officer', 'GET', `/api/v1/cases/${caseId}/documents/${notice.id}/pdf`)).statusCode).toBe(404);
  });
});
