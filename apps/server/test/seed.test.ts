import {
  checkPassword,
  DEFAULT_PASSWORD_POLICY,
  effectiveCertificateStatus,
  ITEM_CATEGORIES,
  validateIdNumber,
  validateUscc,
} from '@zhifa/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/modules/identity/index.ts';
import { registryTables as T } from '../src/modules/registry/index.ts';
import { chinaDate } from '../src/lib/clock.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoCases, seedDemoCity, seedDemoEnforcement, seedDemoLicensing, seedDemoReviewChains, type SeedSummary } from '../src/seed/index.ts';
import { login, makeTestApp, rootActor, type TestApp } from './helpers.ts';

let a: TestApp;
let summary: SeedSummary;
let seedMs = 0;

beforeAll(async () => {
  a = await makeTestApp();
  const t0 = performance.now();
  summary = await seedDemoCity(a.services, a.db, { now: a.clock.now() });
  seedMs = performance.now() - t0;
  console.info(`demo city seeded in ${Math.round(seedMs)} ms on ${a.database.label}:`, JSON.stringify(summary));
}, 120_000);
afterAll(async () => a?.close());

const n = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;

describe('demo city seed', () => {
  it('creates a city of the intended size, quickly', async () => {
    expect(summary.skipped).toBe(false);
    const db = a.db;
    const regions = await n(db.select({ n: sql<number>`count(*)::int` }).from(T.regions));
    const subjects = await n(db.select({ n: sql<number>`count(*)::int` }).from(T.subjects));
    const officers = await n(db.select({ n: sql<number>`count(*)::int` }).from(T.officers));
    const items = await n(db.select({ n: sql<number>`count(*)::int` }).from(T.items));
    expect(regions).toBeGreaterThanOrEqual(14);
    expect(regions).toBeLessThanOrEqual(20);
    expect(subjects).toBeGreaterThanOrEqual(35);
    expect(subjects).toBeLessThanOrEqual(45);
    expect(officers).toBeGreaterThanOrEqual(380);
    expect(officers).toBeLessThanOrEqual(420);
    expect(items).toBeGreaterThanOrEqual(600);
    expect({ regions, subjects, officers, items }).toEqual({ regions: summary.regions, subjects: summary.subjects, officers: summary.officers, items: summary.items });
    const byCat = await db.select({ c: T.items.category, n: sql<number>`count(*)::int` }).from(T.items).groupBy(T.items.category);
    const cats = new Map(byCat.map((r) => [r.c, r.n]));
    for (const c of ITEM_CATEGORIES) expect(cats.get(c) ?? 0, c).toBeGreaterThan(0);
    // Penalties dominate, then licensing and inspection (roughly the Qinhuangdao list's shape).
    expect(cats.get('penalty')!).toBeGreaterThan(items * 0.5);
    expect(cats.get('licensing')!).toBeGreaterThan(cats.get('coercion')!);
    expect(seedMs).toBeLessThan(60_000);
  });

  it('every credit code and ID number is valid; ID numbers agree with gender and birth date', async () => {
    const subs = await a.db.select({ uscc: T.subjects.uscc, kind: T.subjects.kind, regionCode: T.subjects.regionCode }).from(T.subjects);
    for (const s of subs) {
      const r = validateUscc(s.uscc!);
      expect(r.ok, s.uscc!).toBe(true);
      expect(s.uscc!.slice(2, 8)).toBe(s.regionCode.slice(0, 6));
      expect(s.uscc!.slice(0, 2)).toBe(s.kind === 'statutory' ? '11' : '12');
    }
    expect(new Set(subs.map((s) => s.uscc)).size).toBe(subs.length);
    const offs = await a.db.select({ id: T.officers.idNumber, gender: T.officers.gender, birthDate: T.officers.birthDate }).from(T.officers);
    for (const o of offs) {
      const r = validateIdNumber(o.id, a.clock.now());
      expect(r.ok, o.id).toBe(true);
      if (r.ok) {
        expect(r.gender).toBe(o.gender);
        expect(r.birthDate).toBe(o.birthDate);
        expect(r.birthDate >= '1965-01-01' && r.birthDate <= '2000-12-31').toBe(true);
      }
    }
  });

  it('officers: certificates with expired, suspended and revoked ones; auxiliary staff; legal reviewers; training shortfalls', async () => {
    const today = '2026-06-01';
    const offs = await a.db.select().from(T.officers);
    const certs = await a.db.select().from(T.certificates).where(eq(T.certificates.credentialType, 'enforcement'));
    const status = certs.map((c) => effectiveCertificateStatus(c, today));
    expect(status.filter((s) => s === 'expired').length).toBeGreaterThan(0);
    expect(status.filter((s) => s === 'suspended').length).toBeGreaterThan(0);
    expect(status.filter((s) => s === 'revoked').length).toBeGreaterThan(0);
    expect(status.filter((s) => s === 'active').length).toBeGreaterThan(certs.length * 0.85);
    expect(new Set(certs.map((c) => c.number)).size).toBe(certs.length);
    const aux = offs.filter((o) => o.personnelType === 'auxiliary');
    expect(aux.length).toBeGreaterThan(offs.length * 0.08);
    expect(aux.length).toBeLessThan(offs.length * 0.22);
    // Every non-auxiliary officer holds an enforcement certificate; no auxiliary officer does.
    const certified = new Set(certs.map((c) => c.officerId));
    for (const o of offs) expect(certified.has(o.id), o.name).toBe(o.personnelType !== 'auxiliary');
    const reviewers = offs.filter((o) => o.isLegalReviewer);
    expect(reviewers.length).toBeGreaterThan(offs.length * 0.05);
    expect(reviewers.length).toBeLessThan(offs.length * 0.12);

    const short = await a.services.officers.list(rootActor, { trainingShortfall: true, page: 1, pageSize: 1 });
    const all = await a.services.officers.list(rootActor, { page: 1, pageSize: 1 });
    expect(short.total / all.total).toBeGreaterThan(0.1);
    expect(short.total / all.total).toBeLessThan(0.3);
  });

  it('has the comprehensive team, the entrusted organisation, a devolution and an entrustment', async () => {
    const subs = await a.db.select().from(T.subjects);
    const team = subs.find((s) => s.form === 'comprehensive_team');
    expect(team?.absorbedPowers.length).toBeGreaterThanOrEqual(3);
    expect(team?.absorbedPowers.length).toBeLessThanOrEqual(7);
    expect(subs.some((s) => s.kind === 'entrusted')).toBe(true);
    expect(subs.some((s) => s.kind === 'authorised')).toBe(true);
    expect(subs.filter((s) => s.form === 'township').length).toBeGreaterThanOrEqual(3);
    expect(subs.filter((s) => s.status === 'announced').length).toBeGreaterThan(subs.length * 0.8);
    const justice = new Set(subs.filter((s) => s.form === 'justice_bureau').map((s) => s.id));
    for (const s of subs.filter((x) => x.form !== 'justice_bureau')) expect(justice.has(s.supervisingBureauId!), s.name).toBe(true);
    const ents = await a.db.select().from(T.entrustments);
    const dev = ents.find((e) => e.kind === 'devolution');
    const ent = ents.find((e) => e.kind === 'entrustment');
    expect(dev && subs.find((s) => s.id === dev.agentId)?.form).toBe('township');
    expect(ent && subs.find((s) => s.id === ent.agentId)?.kind).toBe('entrusted');
    expect(dev!.matters.every((m) => m.itemId)).toBe(true);
    // Rule profiles and the calendar went in too, and the app's cached rules see them.
    const hebei = await a.services.rules.resolve({ regionCode: '130322', sector: 'market', date: '2026-06-01' });
    expect(hebei.sources['publication.licencePenaltyWorkingDays'].profileCode).toBe('demo-market');
    expect(hebei.sources['legalReview.timeLimitWorkingDays'].profileCode).toBe('demo-hebei');
    expect((await a.services.rules.listYears()).length).toBeGreaterThanOrEqual(3);
  });

  it('the demo password passes the default policy for every demo username', () => {
    for (const username of Object.keys(DEMO_USERS)) expect(checkPassword(DEMO_PASSWORD, DEFAULT_PASSWORD_POLICY, { username }), username).toEqual([]);
  });

  it('every demo user logs in; scope follows the account', async () => {
    for (const username of Object.keys(DEMO_USERS)) {
      const res = await a.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      expect(res.statusCode, `${username}: ${res.body}`).toBe(200);
      expect(res.json().user.role).toBe(DEMO_USERS[username as keyof typeof DEMO_USERS].role);
      expect(res.json().user.mustChangePassword).toBe(false);
    }
    const [officerUser] = await a.db.select().from(users).where(eq(users.username, 'officer'));
    expect(officerUser?.officerId).toBeTruthy();
    const cookie = await login(a, 'officer', DEMO_PASSWORD);
    const list = await a.app.inject({ method: 'GET', url: '/api/v1/officers?pageSize=100', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: { agencyId: string }[]; total: number };
    expect(body.total).toBeGreaterThan(10);
    expect(new Set(body.items.map((o) => o.agencyId))).toEqual(new Set([officerUser!.agencyId]));
    const me = await a.app.inject({ method: 'GET', url: `/api/v1/officers/${officerUser!.officerId}`, headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().certificateSummary.status).toBe('active');
    const sup = await login(a, 'county_supervisor', DEMO_PASSWORD);
    const subs = await a.app.inject({ method: 'GET', url: '/api/v1/subjects?pageSize=100', headers: { cookie: sup } });
    expect(subs.statusCode).toBe(200);
    expect(subs.json().items.every((s: { regionCode: string }) => s.regionCode.startsWith('130322'))).toBe(true);
  });

  it('demo licence applications at the stages reachable today, every step through the licensing service', async () => {
    const made = await seedDemoLicensing(a.services, a.db, { today: chinaDate(a.clock.now()) });
    expect(made).toEqual({ applications: 7, skipped: false });
    expect(await seedDemoLicensing(a.services, a.db, { today: chinaDate(a.clock.now()) })).toEqual({ applications: 0, skipped: true });
    const officer = await login(a, 'officer', DEMO_PASSWORD);
    const list = (await a.app.inject({ method: 'GET', url: '/api/v1/licensing/applications?pageSize=50', headers: { cookie: officer } })).json() as { total: number; items: { status: string }[] };
    expect(new Set(list.items.map((x) => x.status))).toEqual(new Set(['received', 'supplement_requested', 'accepted', 'under_review', 'granted', 'certificate_issued', 'closed']));
    const todo = (await a.app.inject({ method: 'GET', url: '/api/v1/licensing/todo', headers: { cookie: officer } })).json() as { items: unknown[] };
    expect(todo.items.length).toBeGreaterThanOrEqual(5);
  });

  it('demo cases at every early stage fill the officer’s and the reviewer’s to-do lists (every step through the guards)', async () => {
    const made = await seedDemoCases(a.services, a.db, { today: chinaDate(a.clock.now()) });
    expect(made).toEqual({ cases: 12, skipped: false });
    expect(await seedDemoCases(a.services, a.db, { today: chinaDate(a.clock.now()) })).toEqual({ cases: 0, skipped: true });
    const officer = await login(a, 'officer', DEMO_PASSWORD);
    const list = (await a.app.inject({ method: 'GET', url: '/api/v1/cases?pageSize=50', headers: { cookie: officer } })).json() as { total: number; items: { status: string; caseNo: string | null }[] };
    expect(list.total).toBe(12);
    expect(new Set(list.items.map((c) => c.status))).toEqual(new Set(['lead', 'filed', 'investigating', 'investigation_ended', 'under_review', 'reviewed', 'notice_served', 'not_filed']));
    expect(list.items.filter((c) => c.caseNo).every((c) => /^冀秦市监立〔\d{4}〕\d+号$/.test(c.caseNo!))).toBe(true);
    const todo = (await a.app.inject({ method: 'GET', url: '/api/v1/cases/todo', headers: { cookie: officer } })).json() as { items: unknown[] };
    expect(todo.items.length).toBeGreaterThanOrEqual(8);
    const reviewer = await login(a, 'reviewer', DEMO_PASSWORD);
    const rtodo = (await a.app.inject({ method: 'GET', url: '/api/v1/cases/todo', headers: { cookie: reviewer } })).json() as { items: { role: string }[] };
    expect(rtodo.items.filter((x) => x.role === 'reviewer')).toHaveLength(2);
  });

  it('demo inspections and coercive measures at various stages, through the services (after the demo cases)', async () => {
    const made = await seedDemoEnforcement(a.services, a.db, { today: chinaDate(a.clock.now()) });
    expect(made).toEqual({ inspections: 6, measures: 4, skipped: false });
    expect((await seedDemoEnforcement(a.services, a.db, { today: chinaDate(a.clock.now()) })).skipped).toBe(true);
    const officer = await login(a, 'officer', DEMO_PASSWORD);
    const insp = (await a.app.inject({ method: 'GET', url: '/api/v1/inspections?pageSize=50', headers: { cookie: officer } })).json() as { items: { status: string; linkedCase: { id: string } | null }[] };
    expect(new Set(insp.items.map((i) => i.status))).toEqual(new Set(['planned', 'approved', 'on_site', 'closed', 'result_recorded', 'rectification_ordered']));
    expect(insp.items.filter((i) => i.linkedCase)).toHaveLength(1);
    const ms = (await a.app.inject({ method: 'GET', url: '/api/v1/coercive-measures?pageSize=50', headers: { cookie: officer } })).json() as { items: { status: string; caseId: string | null }[] };
    // The test clock is a Monday morning: the seizures are carried out (行政强制法 Art.43 allows it).
    expect(new Set(ms.items.map((m) => m.status))).toEqual(new Set(['proposed', 'in_force', 'emergency_executed', 'released']));
    expect(ms.items.find((m) => m.status === 'in_force')?.caseId).toEqual(insp.items.find((i) => i.linkedCase)?.linkedCase?.id);
  });

  it('the city market bureau reviews in four levels (四级审核), with accounts for the unit levels (after the demo cases)', async () => {
    expect(await seedDemoReviewChains(a.services, a.db)).toEqual({ skipped: false });
    expect(await seedDemoReviewChains(a.services, a.db)).toEqual({ skipped: true });
    const head = await login(a, 'head', DEMO_PASSWORD);
    const me = (await a.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: head } })).json() as { user: { agencyId: string; officerId: string | null } };
    expect(me.user.officerId).toBeTruthy();
    const chain = (await a.app.inject({ method: 'GET', url: `/api/v1/agencies/${me.user.agencyId}/review-chain`, headers: { cookie: head } })).json() as { chain: { code: string }; version: number };
    expect(chain).toMatchObject({ chain: { code: 'qinhuangdao-4' }, version: 1 });
    const people = (await a.app.inject({ method: 'GET', url: `/api/v1/agencies/${me.user.agencyId}/review-positions`, headers: { cookie: head } })).json() as { items: { officerId: string; positions: string[] }[] };
    expect(people.items.find((p) => p.officerId === me.user.officerId)?.positions).toEqual(['agency_head']);
    for (const [username, position] of [['unit_legal', 'unit_legal_officer'], ['unit_head', 'unit_head']] as const) {
      const c = await login(a, username, DEMO_PASSWORD);
      const u = (await a.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: c } })).json() as { user: { officerId: string } };
      expect(people.items.find((p) => p.officerId === u.user.officerId)?.positions).toEqual([position]);
    }
  });

  it('a second run is a no-op', async () => {
    const before = await n(a.db.select({ n: sql<number>`count(*)::int` }).from(T.items));
    const again = await seedDemoCity(a.services, a.db, { now: a.clock.now() });
    expect(again).toEqual({ skipped: true });
    expect(await n(a.db.select({ n: sql<number>`count(*)::int` }).from(T.items))).toBe(before);
  });

  it('is deterministic: a second database gets the same codes, names and ID numbers', async () => {
    const b = await makeTestApp();
    try {
      await seedDemoCity(b.services, b.db, { now: b.clock.now() });
      const snapshot = async (t: TestApp) => ({
        items: (await t.db.select({ code: T.items.code, name: T.items.name, tiers: T.items.discretionTiers }).from(T.items)).map((r) => JSON.stringify(r)).sort(),
        officers: (await t.db.select({ id: T.officers.idNumber, name: T.officers.name, post: T.officers.post }).from(T.officers)).map((r) => JSON.stringify(r)).sort(),
        subjects: (await t.db.select({ uscc: T.subjects.uscc, name: T.subjects.name }).from(T.subjects)).map((r) => JSON.stringify(r)).sort(),
        certs: (await t.db.select({ number: T.certificates.number, status: T.certificates.status, expiresOn: T.certificates.expiresOn }).from(T.certificates)).map((r) => JSON.stringify(r)).sort(),
      });
      const [x, y] = [await snapshot(a), await snapshot(b)];
      expect(y.items).toEqual(x.items);
      expect(y.officers).toEqual(x.officers);
      expect(y.subjects).toEqual(x.subjects);
      expect(y.certs).toEqual(x.certs);
    } finally {
      await b.close();
    }
  }, 120_000);
});
