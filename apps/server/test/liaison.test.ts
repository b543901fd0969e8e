import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

// Issue #6 item 6: supervisors working in pairs (S4), experts, contact points, questionnaires, third-party evaluation.
let t: TestApp;
let w: World;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
  for (const u of ['supervisor', 'head', 'officer', 'other_head']) cookies[u] = await login(t, u, TEST_PASSWORD);
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string, who?: string) => t.app.inject({ method: 'GET', url, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });
const post = (url: string, payload: unknown, who?: string) => t.app.inject({ method: 'POST', url, payload: payload as object, ...(who ? { headers: { cookie: cookies[who]! } } : {}) });

describe('supervisors and field supervision (S4)', () => {
  const ids: string[] = [];
  it('adds supervisors with certificates; only the justice bureau’s supervisor may', async () => {
    expect((await post('/api/v1/liaison/supervisors', { name: '王监督', kind: 'full_time' }, 'head')).statusCode).toBe(403);
    for (const [name, number, expiresOn] of [
      ['王监督', 'JD-130300-0001', '2028-12-31'],
      ['刘监督', 'JD-130300-0002', '2028-12-31'],
      ['赵监督', 'JD-130300-0003', '2026-05-31'],
    ] as const) {
      const s = await post('/api/v1/liaison/supervisors', { name, kind: 'part_time', phone: '13700000000' }, 'supervisor');
      expect(s.statusCode, s.body).toBe(201);
      ids.push(s.json().id);
      expect((await post(`/api/v1/liaison/supervisors/${s.json().id}/certificates`, { number, issuedOn: '2026-01-01', expiresOn }, 'supervisor')).statusCode).toBe(201);
    }
    expect((await post(`/api/v1/liaison/supervisors/${ids[0]}/certificates`, { number: 'JD-130300-0001', issuedOn: '2026-01-01', expiresOn: '2027-01-01' }, 'supervisor')).statusCode).toBe(409);
    const list = (await get('/api/v1/liaison/supervisors', 'supervisor')).json();
    expect(list.map((s: { name: string; isCertified: boolean }) => `${s.name}:${s.isCertified}`)).toEqual(['刘监督:true', '王监督:true', '赵监督:false']);
    expect(list[0].phone).toBe('137****0000');
  });

  it('refuses a field supervision without two certified supervisors (422 with citation), records one with two', async () => {
    const body = (supervisorIds: string[]) => ({ supervisedOn: '2026-06-01', targetAgencyId: w.cityMarket.id, subject: '行政处罚案件现场监督', findings: '执法人员出示证件，程序规范。', supervisorIds });
    const alone = await post('/api/v1/liaison/field-supervisions', body([ids[0]!]), 'supervisor');
    expect(alone.statusCode).toBe(422);
    expect(alone.json().error.details.citation).toContain('山东省行政执法监督条例 Art.22');
    // the third one's certificate expired on 05-31
    const expired = await post('/api/v1/liaison/field-supervisions', body([ids[0]!, ids[2]!]), 'supervisor');
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.details.uncertified).toEqual([ids[2]]);
    const ok = await post('/api/v1/liaison/field-supervisions', body([ids[0]!, ids[1]!]), 'supervisor');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().certificateNumbers.sort()).toEqual(['JD-130300-0001', 'JD-130300-0002']);
    // out of the supervisor's region
    expect((await post('/api/v1/liaison/field-supervisions', { ...body([ids[0]!, ids[1]!]), targetAgencyId: w.otherMarket.id }, 'supervisor')).statusCode).toBe(400);
    expect((await post('/api/v1/liaison/field-supervisions', body([ids[0]!, ids[1]!]), 'other_head')).statusCode).toBe(403);
  });
});

describe('experts', () => {
  it('draws available experts of the field without a conflict, and refuses when too few', async () => {
    for (const [name, fields, conflicts] of [
      ['陈教授', ['食品安全'], []],
      ['周律师', ['食品安全', '行政法'], [w.cityMarket.id]],
      ['吴研究员', ['食品安全'], []],
    ] as [string, string[], string[]][]) {
      expect((await post('/api/v1/liaison/experts', { name, fields, conflicts }, 'supervisor')).statusCode).toBe(201);
    }
    const d = await post('/api/v1/liaison/expert-draws', { purpose: '市场监管局案卷评查', field: '食品安全', parties: [w.cityMarket.id], count: 2 }, 'supervisor');
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json().eligible).toBe(2);
    expect(d.json().selected.map((x: { name: string }) => x.name).sort()).toEqual(['吴研究员', '陈教授']);
    expect((await post('/api/v1/liaison/expert-draws', { purpose: 'x评查', field: '食品安全', parties: [w.cityMarket.id], count: 3 }, 'supervisor')).statusCode).toBe(422);
    expect((await post('/api/v1/liaison/expert-draws', { purpose: 'x评查', field: '食品安全', count: 1 }, 'officer')).statusCode).toBe(403);
  });
});

describe('enterprise contact points and questionnaires', () => {
  let surveyId = '';
  let tokens: string[] = [];
  it('a survey is answered on the portal once per token, results aggregate per agency', async () => {
    const s = await post(
      '/api/v1/liaison/surveys',
      {
        title: '执法满意度调查',
        targetAgencyId: w.cityMarket.id,
        questions: [
          { key: 'overall', type: 'rating', text: '总体满意度', required: true },
          { key: 'showed_id', type: 'choice', text: '执法人员是否出示证件', options: ['是', '否'] },
        ],
      },
      'supervisor',
    );
    expect(s.statusCode, s.body).toBe(201);
    surveyId = s.json().id;
    tokens = (await post(`/api/v1/liaison/surveys/${surveyId}/tokens`, { count: 3 }, 'supervisor')).json().tokens;
    expect(tokens).toHaveLength(3);
    expect((await get(`/api/v1/public/surveys/${surveyId}?t=${tokens[0]}`)).json().questions).toHaveLength(2);
    expect((await post(`/api/v1/public/surveys/${surveyId}/answers`, { t: tokens[0], answers: { overall: 7 } })).statusCode).toBe(400);
    expect((await post(`/api/v1/public/surveys/${surveyId}/answers`, { t: tokens[0], answers: { overall: 5, showed_id: '是' } })).statusCode).toBe(201);
    expect((await post(`/api/v1/public/surveys/${surveyId}/answers`, { t: tokens[0], answers: { overall: 1 } })).statusCode).toBe(404);
    expect((await get(`/api/v1/public/surveys/${surveyId}?t=${tokens[0]}`)).statusCode).toBe(404);
    expect((await post(`/api/v1/public/surveys/${surveyId}/answers`, { t: 'not-a-real-token-123', answers: { overall: 1 } })).statusCode).toBe(404);
    expect((await post(`/api/v1/public/surveys/${surveyId}/answers`, { t: tokens[1], answers: { overall: 4, showed_id: '否' } })).statusCode).toBe(201);
    const r = (await get(`/api/v1/liaison/surveys/${surveyId}/results`, 'supervisor')).json();
    expect(r.responses).toBe(2);
    expect(r.questions[0]).toMatchObject({ key: 'overall', average: 4.5 });
    expect(r.questions[1].counts).toEqual({ 是: 1, 否: 1 });
    const byAgency = (await get('/api/v1/liaison/survey-results/by-agency', 'supervisor')).json();
    expect(byAgency).toEqual([{ agencyId: w.cityMarket.id, agencyName: '秦皇岛市市场监督管理局', responses: 2, average: 4.5 }]);
  });

  it('lists the contact points short of their yearly visits, and the year-end misses', async () => {
    const mk = async (enterpriseName: string, plannedVisits: number) => (await post('/api/v1/liaison/contact-points', { enterpriseName, designatedOn: '2026-01-10', year: 2026, plannedVisits }, 'supervisor')).json().id as string;
    const a = await mk('秦皇岛港务食品有限公司', 1);
    const b = await mk('海港区福源超市', 2);
    await mk('昌黎县葡萄酒厂', 1);
    expect((await post(`/api/v1/liaison/contact-points/${a}/visits`, { visitedOn: '2026-05-20', visitors: '王监督、刘监督', notes: '座谈，收集意见建议。', surveyId, answers: { overall: 5 } }, 'supervisor')).statusCode).toBe(201);
    expect((await post(`/api/v1/liaison/contact-points/${b}/visits`, { visitedOn: '2026-05-21', visitors: '王监督、刘监督', notes: '走访。' }, 'supervisor')).statusCode).toBe(201);
    expect((await post(`/api/v1/liaison/contact-points/${b}/visits`, { visitedOn: '2026-07-01', visitors: '王监督', notes: '未来的走访。' }, 'supervisor')).statusCode).toBe(400);
    expect((await post(`/api/v1/liaison/contact-points/${b}/visits`, { visitedOn: '2026-05-21', visitors: '王监督', notes: '走访。', surveyId, answers: { overall: 9 } }, 'supervisor')).statusCode).toBe(400);
    const all = (await get('/api/v1/liaison/contact-points?year=2026', 'supervisor')).json();
    expect(all.map((p: { enterpriseName: string; planned: number; done: number; isShort: boolean }) => `${p.enterpriseName}:${p.done}/${p.planned}:${p.isShort}`)).toEqual([
      '昌黎县葡萄酒厂:0/1:true',
      '海港区福源超市:1/2:true',
      '秦皇岛港务食品有限公司:1/1:false',
    ]);
    // At the start of 2027, the 2026 list names the enterprise that was never visited.
    // (the service directly: a session would have expired over those seven months)
    const supervisor = { userId: w.userIds.supervisor, username: 'supervisor', displayName: 'supervisor', role: 'supervisor' as const, agencyId: w.cityJustice.id, regionCode: '130300', regionPath: (await t.services.regions.pathOf('130300'))! };
    t.clock.set(new Date('2027-01-04T09:00:00+08:00'));
    try {
      const missed = await t.services.liaison.contactPointStatus(supervisor, { year: 2026, missedOnly: true });
      expect(missed.filter((p) => p.isMissedAtYearEnd).map((p) => p.enterpriseName)).toEqual(['昌黎县葡萄酒厂']);
    } finally {
      t.clock.set(new Date('2026-06-01T09:00:00+08:00'));
    }
    expect((await get('/api/v1/liaison/contact-points?year=2026', 'officer')).statusCode).toBe(403);
  });
});

describe('third-party evaluation', () => {
  it('records a score with the report file in the blob store', async () => {
    const boundary = '----zf' + Math.random().toString(16).slice(2);
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.concat([
      Buffer.from(part('evaluator', '河北某大学法治评估中心') + part('targetAgencyId', w.cityMarket.id) + part('year', '2025') + part('score', '86.5')),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="report"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 evaluation report\r\n--${boundary}--\r\n`),
    ]);
    const send = (who: string) => t.app.inject({ method: 'POST', url: '/api/v1/liaison/evaluations', payload: body, headers: { cookie: cookies[who]!, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect((await send('head')).statusCode).toBe(403);
    const r = await send('supervisor');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ grade: 'good' });
    const list = (await get('/api/v1/liaison/evaluations?year=2025', 'supervisor')).json();
    expect(list[0]).toMatchObject({ targetAgencyName: '秦皇岛市市场监督管理局', score: 86.5, reportFileName: 'report.pdf' });
    const file = await get(`/api/v1/liaison/evaluations/${list[0].id}/report`, 'supervisor');
    expect(file.body).toBe('%PDF-1.4 evaluation report');
  });

  it('the liaison records are append-only', async () => {
    const reason = async (q: Promise<unknown>) => q.then(() => 'accepted', (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message);
    for (const table of ['liaison_events', 'liaison_field_supervisions', 'liaison_survey_responses', 'liaison_evaluations', 'liaison_contact_visits', 'liaison_expert_draws']) {
      expect(await reason(t.db.execute(sql.raw(`delete from ${table}`))), table).toMatch(/append-only/);
    }
  });
});
