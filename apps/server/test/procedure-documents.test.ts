import { SHIPPED_CALENDAR_ENTRIES, type Role } from '@zhifa/domain';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureDocuments } from '../src/modules/cases/index.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { hasPdfSignature } from '../src/modules/documents/index.ts';
import { users } from '../src/modules/identity/index.ts';
import { makeIdNumber, makeItemInput, makeUscc, makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { attachRecording, login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

/**
 * Documents of licensing, inspection, coercive measures and the simplified procedure through the API: generated from
 * the record once the law allows (422 with the citation before), numbered per agency without gap, rendered as sealed
 * PDF and DOCX with their statutory content, in scope only.
 */
let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
const certified: string[] = [];
let licenceItem: string;
let inspectionItem: string;
let coercionItem: string;
let penaltyItem: string;
const MATERIALS = ['申请书', '营业执照复印件', '场所平面图'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-procdocs-'));

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload !== undefined ? { payload: payload as object } : {}) });
type Rec = { id: string; version: number; status: string };
async function step<T extends Rec>(who: string, base: string, r: T, action: string, payload: Record<string, unknown> = {}): Promise<T> {
  const res = await call(who, 'POST', `${base}/${r.id}/actions/${action}`, { payload, version: r.version });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return { ...r, ...(res.json() as Rec) };
}
const docs = (who: string, subject: string, id: string) => call(who, 'GET', `/api/v1/procedure-documents/${subject}/${id}`);
const generate = (who: string, subject: string, id: string, kind: string) => call(who, 'POST', `/api/v1/procedure-documents/${subject}/${id}`, { kind });
type Doc = { id: string; kind: string; number: string | null; titleZh: string };

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '').replace(/—\d+—/g, '');
}
async function pdfOf(subject: string, id: string, doc: Doc) {
  const res = await call('officer', 'GET', `/api/v1/procedure-documents/${subject}/${id}/${doc.id}/pdf`);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toContain('application/pdf');
  return res.rawPayload;
}
const seq = (n: string) => Number(/〔\d{4}〕(\d+)号$/.exec(n)![1]);

beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  await t.services.rules.putYear(rootActor, 2026, { source: '国办发明电〔2025〕7号', entries: SHIPPED_CALENDAR_ENTRIES.filter((e) => e.date.startsWith('2026-')) }, {});
  const hash = await t.services.identity.hashPassword(TEST_PASSWORD);
  const U = async (username: string, role: Role, regionCode: string, agencyId: string) => {
    const regionPath = (await t.services.regions.pathOf(regionCode))!;
    await t.db.insert(users).values({ id: crypto.randomUUID(), username, displayName: username, passwordHash: hash, role, status: 'active', agencyId, regionCode, regionPath, officerId: null, mustChangePassword: false });
  };
  await U('other_officer', 'officer', '130100', w.otherMarket.id);
  for (const [i, name] of ['文一', '文二'].entries()) {
    const o = await t.services.officers.create(
      rootActor,
      { name, idNumber: makeIdNumber(), agencyId: w.cityMarket.id, post: '科员', personnelType: 'civil_servant', phone: null, education: null, hasLegalQualification: false, legalQualificationNo: null, isLegalReviewer: false, onDuty: true },
      {},
    );
    await t.services.officers.addCertificate(
      rootActor,
      o.id,
      { number: `DOC-${i}-${Math.random().toString(36).slice(2, 8)}`, credentialType: 'enforcement', categories: ['market'], areaCode: '130300', issuedBy: '秦皇岛市人民政府', issuedOn: '2024-01-01', expiresOn: '2029-01-01', lastReviewedOn: null },
      {},
    );
    certified.push(o.id);
  }
  licenceItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { category: 'licensing', name: '食品经营许可', serviceGuide: { conditions: '具有与经营相适应的场所', materials: MATERIALS, fees: '不收费' } }), {})).id;
  inspectionItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { category: 'inspection', name: '食品经营者监督检查' }), {})).id;
  coercionItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id], { category: 'coercion', name: '查封扣押不符合食品安全标准的食品' }), {})).id;
  penaltyItem = (await t.services.items.create(rootActor, makeItemInput([w.cityMarket.id]), {})).id;
  for (const u of ['officer', 'head', 'supervisor', 'other_officer']) cookies[u] = await login(t, u, TEST_PASSWORD);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const LIC = '/api/v1/licensing/applications';
async function application(submitted = MATERIALS) {
  const res = await call('officer', 'POST', LIC, { itemId: licenceItem, applicant: { type: 'organisation', name: '秦皇岛某某餐饮有限公司', uscc: makeUscc('130300'), address: '海港区某路1号' }, submittedMaterials: submitted });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Rec & { applicationNo: string };
}

describe('licensing documents (行政许可法 Art.32, 38, 42)', () => {
  it('acceptance notice, then the grant decision only once granted: numbered without gap, sealed, with reasons and remedies', async () => {
    let a = await application();
    // Before acceptance there is nothing to acknowledge in writing.
    const early = await generate('officer', 'licence_application', a.id, 'licence_acceptance_notice');
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.citation).toBe('行政许可法 Art.32 para 1(5), para 2');
    a = await step('officer', LIC, a, 'accept', { sealedReceiptIssued: true });
    const list = (await docs('officer', 'licence_application', a.id)).json() as { kinds: { kind: string; refusal: { citation?: string } | null }[] };
    expect(list.kinds.map((k) => k.kind)).toEqual(['licence_supplement_notice', 'licence_acceptance_notice', 'licence_non_acceptance_notice', 'licence_extension_notice', 'licence_grant_decision', 'licence_refusal_decision']);
    expect(list.kinds.find((k) => k.kind === 'licence_acceptance_notice')!.refusal).toBeNull();
    expect(list.kinds.find((k) => k.kind === 'licence_grant_decision')!.refusal!.citation).toBe('行政许可法 Art.38 para 1, Art.39');

    const res = await generate('officer', 'licence_application', a.id, 'licence_acceptance_notice');
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json() as Doc;
    expect(notice.number).toMatch(/许受〔2026〕\d+号$/);
    // A second acceptance notice would be a second number for one act.
    expect((await generate('officer', 'licence_application', a.id, 'licence_acceptance_notice')).statusCode).toBe(409);
    const pdf = await pdfOf('licence_application', a.id, notice);
    expect(hasPdfSignature(pdf)).toBe(true);
    const text = pdfText(pdf, 'acceptance');
    for (const s of ['行政许可受理通知书', notice.number!, a.applicationNo, '食品经营许可', '决定自2026年6月1日起受理', '二十个工作日内', '第四十二条']) expect(text).toContain(s);

    // 准予行政许可决定书 is refused until the licence decision is recorded.
    const tooEarly = await generate('officer', 'licence_application', a.id, 'licence_grant_decision');
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json().error.details.citation).toBe('行政许可法 Art.38 para 1, Art.39');
    expect(await t.db.select().from(procedureDocuments).where(eq(procedureDocuments.subjectId, a.id))).toHaveLength(1);
    a = await step('officer', LIC, a, 'start_review', { reviewerIds: [certified[0]] });
    a = await step('officer', LIC, a, 'grant', { reason: '申请人的经营场所和管理制度符合法定条件' });
    // The refusal decision stays refused: the licence was granted.
    expect((await generate('officer', 'licence_application', a.id, 'licence_refusal_decision')).statusCode).toBe(422);
    const grant = (await generate('officer', 'licence_application', a.id, 'licence_grant_decision')).json() as Doc;
    expect(grant.number).toMatch(/许准〔2026〕\d+号$/);
    const g = pdfText(await pdfOf('licence_application', a.id, grant), 'grant');
    for (const s of ['准予行政许可决定书', grant.number!, '申请人：秦皇岛某某餐饮有限公司', '决定准予', '第三十八条第一款', '十个工作日内', '申请行政复议', '提起行政诉讼']) expect(g).toContain(s);
    const docx = await call('officer', 'GET', `/api/v1/procedure-documents/licence_application/${a.id}/${grant.id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // Gapless per agency and kind: the next application's notice takes the next number.
    let b = await application();
    b = await step('officer', LIC, b, 'accept', { sealedReceiptIssued: true });
    const next = (await generate('officer', 'licence_application', b.id, 'licence_acceptance_notice')).json() as Doc;
    expect(seq(next.number!)).toBe(seq(notice.number!) + 1);
    // Rows are ledger leaves (written with their entries in the same transaction).
    const rows = await t.db.select().from(procedureDocuments).where(eq(procedureDocuments.subjectId, a.id)).orderBy(asc(procedureDocuments.issuedAt));
    expect(rows.map((r) => r.kind)).toEqual(['licence_acceptance_notice', 'licence_grant_decision']);
    // Issued is issued: the rows are append-only (a correction would be a new document).
    await expect(t.db.execute(sql`update procedure_documents set number = null where id = ${grant.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from procedure_documents where id = ${grant.id}`)).rejects.toThrow();
  });

  it('the one-time supplement notice lists every missing material', async () => {
    let a = await application(['申请书']);
    expect((await generate('officer', 'licence_application', a.id, 'licence_supplement_notice')).statusCode).toBe(422);
    a = await step('officer', LIC, a, 'request_supplement');
    const doc = (await generate('officer', 'licence_application', a.id, 'licence_supplement_notice')).json() as Doc;
    const text = pdfText(await pdfOf('licence_application', a.id, doc), 'supplement');
    for (const s of ['补正材料一次性告知书', '一次性告知', '营业执照复印件', '场所平面图', '第三十二条第一款第（四）项']) expect(text).toContain(s);
  });

  it('only the handling roles generate, and only in scope; an unknown kind is a 400', async () => {
    let a = await application();
    a = await step('officer', LIC, a, 'accept', { sealedReceiptIssued: true });
    expect((await generate('supervisor', 'licence_application', a.id, 'licence_acceptance_notice')).statusCode).toBe(403);
    expect((await generate('other_officer', 'licence_application', a.id, 'licence_acceptance_notice')).statusCode).toBe(404);
    expect((await docs('other_officer', 'licence_application', a.id)).statusCode).toBe(404);
    expect((await generate('officer', 'licence_application', a.id, 'coercion_decision')).statusCode).toBe(400);
    expect((await generate('officer', 'inspection', a.id, 'inspection_notice')).statusCode).toBe(404);
    const doc = (await generate('officer', 'licence_application', a.id, 'licence_acceptance_notice')).json() as Doc;
    expect((await docs('supervisor', 'licence_application', a.id)).statusCode).toBe(200);
    expect((await call('other_officer', 'GET', `/api/v1/procedure-documents/licence_application/${a.id}/${doc.id}/pdf`)).statusCode).toBe(404);
  });
});

describe('inspection and coercion documents (行政强制法 Art.24, 28)', () => {
  it('inspection notice after approval; the measure decision and inventory after the head approved', async () => {
    const ir = await call('officer', 'POST', '/api/v1/inspections', { itemId: inspectionItem, placeRegionCode: '130302', target: { type: 'organisation', name: '秦皇岛某某食品有限公司', uscc: makeUscc('130302') }, officerIds: certified, purpose: '日常监督检查', isNoticeRequired: true });
    expect(ir.statusCode, ir.body).toBe(201);
    let i = ir.json() as Rec;
    const before = await generate('officer', 'inspection', i.id, 'inspection_notice');
    expect(before.statusCode).toBe(422);
    expect(before.json().error.details.citation).toBe('国办发〔2024〕54号');
    i = await step('head', '/api/v1/inspections', i, 'approve');
    const notice = (await generate('officer', 'inspection', i.id, 'inspection_notice')).json() as Doc;
    expect(notice.number).toMatch(/检通〔2026〕\d+号$/);
    const text = pdfText(await pdfOf('inspection', i.id, notice), 'inspection-notice');
    for (const s of ['行政检查通知书', '食品经营者监督检查', '文一', '文二', '申请回避']) expect(text).toContain(s);
    expect((await generate('officer', 'inspection', i.id, 'inspection_result_notice')).statusCode).toBe(422);

    const mr = await call('officer', 'POST', '/api/v1/coercive-measures', {
      kind: 'seize',
      itemId: coercionItem,
      placeRegionCode: '130302',
      party: { type: 'organisation', name: '秦皇岛某某食品有限公司', uscc: makeUscc('130302') },
      officerIds: certified,
      inventory: [{ description: '超过保质期的牛奶', quantity: 20, unit: '箱', isRelatedToViolation: true, isLifeNecessity: false, isSealedElsewhere: false }],
      reasons: '涉嫌经营超过保质期的食品',
      legalBasis: '《中华人民共和国食品安全法》第一百一十条',
      place: '海港区某路1号仓库',
    });
    expect(mr.statusCode, mr.body).toBe(201);
    let m = mr.json() as Rec;
    await attachRecording(t, cookies.officer!, m.id, 'seizure');
    const unapproved = await generate('officer', 'coercive_measure', m.id, 'coercion_decision');
    expect(unapproved.statusCode).toBe(422);
    expect(unapproved.json().error.details.citation).toBe('行政强制法 Art.18(1), Art.19');
    m = await step('head', '/api/v1/coercive-measures', m, 'approve');
    const decision = (await generate('officer', 'coercive_measure', m.id, 'coercion_decision')).json() as Doc;
    expect(decision.number).toMatch(/强制〔2026〕\d+号$/);
    const d = pdfText(await pdfOf('coercive_measure', m.id, decision), 'coercion-decision');
    for (const s of ['实施行政强制措施决定书', decision.number!, '实施扣押', '超过保质期的牛奶', '期限为三十日', '第二十四条', '陈述权、申辩权', '申请行政复议']) expect(d).toContain(s);
    const inv = (await generate('officer', 'coercive_measure', m.id, 'coercion_inventory')).json() as Doc;
    expect(inv.number).toBeNull();
    const it2 = pdfText(await pdfOf('coercive_measure', m.id, inv), 'inventory');
    for (const s of ['场所、设施、财物清单', decision.number!, '超过保质期的牛奶', '20', '箱', '一式二份']) expect(it2).toContain(s);
    // 解除决定书 only once the release is decided (Art.28).
    const release = await generate('officer', 'coercive_measure', m.id, 'coercion_release_decision');
    expect(release.statusCode).toBe(422);
    expect(release.json().error.details.citation).toBe('行政强制法 Art.28, Art.33');
  });
});

describe('simplified procedure: 当场行政处罚决定书 (行政处罚法 Art.52)', () => {
  it('prints the pre-numbered decision with the case’s own number and every Art.52 item', async () => {
    const res = await call('officer', 'POST', '/api/v1/cases/simplified', {
      itemId: penaltyItem,
      placeRegionCode: '130302',
      party: { type: 'individual', name: '路某', idNumber: makeIdNumber(), address: '海港区某街2号' },
      officerIds: certified,
      violationOn: '2026-06-01',
      findings: '当事人占道经营。',
      legalBasis: '《城市市容和环境卫生管理条例》第十七条',
      penalty: { types: ['fine'], fineAmount: 200 },
      isFactConclusive: true,
      hasLegalBasis: true,
      partyStatement: '当事人无异议。',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as Rec & { decisionNo: string };
    // Not an execution record of an ordinary case.
    expect((await generate('officer', 'penalty_case', c.id, 'payment_reminder')).statusCode).toBe(404);
    const doc = (await generate('officer', 'simplified_case', c.id, 'onsite_penalty_decision')).json() as Doc;
    expect(doc.number).toBe(c.decisionNo);
    const text = pdfText(await pdfOf('simplified_case', c.id, doc), 'onsite');
    for (const s of ['当场行政处罚决定书', c.decisionNo, '路某', '当事人占道经营', '第十七条', '罚款人民币贰佰元整', '当事人陈述、申辩：当事人无异议', '申请行政复议', '执法人员（签名、执法证号）', '文一']) expect(text).toContain(s);
  });
});

describe('issued documents are leaves of the tamper-evident log', () => {
  it('the verifier is clean, then names a document edited behind the application’s back', async () => {
    while ((await t.services.ledger.sequence()) > 0);
    expect((await verifyLedger(t.db)).findings).toEqual([]);
    const [doc] = await t.db.select().from(procedureDocuments).orderBy(asc(procedureDocuments.issuedAt)).limit(1);
    await t.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local session_replication_role = replica'));
      await tx.execute(sql`update procedure_documents set data = data || '{"forged": true}'::jsonb where id = ${doc!.id}`);
    });
    const where = (await verifyLedger(t.db)).findings.map((f) => `${f.code} ${f.where}`);
    expect(where).toContain(`record_altered procedure_documents#${doc!.id}`);
  }, 120_000);
});
