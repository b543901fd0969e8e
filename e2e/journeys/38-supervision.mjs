// Issue #6 ("done when"): an overdue case raises a warning at the county justice bureau; the supervisor issues a
// supervision opinion from the warning; the agency head answers; the supervisor accepts; the warning closes.
// The demo seed files a case at 昌黎县市场监督管理局 on the seed day. Demo passwords age out after 90 days (password
// policy), so instead of moving the clock past the statutory 90 days the journey moves it 10 days and runs the scan with
// the case limit set to 5 days — the same rule, a configurable parameter (POST /supervision/scan `parameters`).
// Clock: moves the server's clock 10 days forward (see e2e/run.mjs); runs before the journeys that move it further.
import assert from 'node:assert/strict';
import { login } from '../lib/session.mjs';

export const name = '监督预警：案件超期 → 县司法局看到预警 → 制发执法监督意见书 → 机关答复 → 采纳 → 预警办结 (supervision warning journey)';
export const timeout = 240_000;

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

export default async function supervisionJourney({ browser, page, baseURL, screenshot }) {
  const api = (p) => `${baseURL}/api/v1${p}`;
  await page.setViewportSize({ width: 1440, height: 900 });
  // Move the clock first (sessions idle out across the jump), then log in.
  await json(await page.request.post(api('/test/clock'), { data: { advanceDays: 10 } }), 'advance the clock');
  await login(page, baseURL, 'county_supervisor');
  const scan = await json(await page.request.post(api('/supervision/scan'), { data: { rules: ['case.decision_overdue'], parameters: { 'case.decision_overdue': { caseDecisionDays: 5 } } } }), 'scan');
  assert.ok(scan.byRule['case.decision_overdue'] >= 1, `the seeded county case is overdue: ${JSON.stringify(scan)}`);

  // The county supervisor's 监督预警 page shows it (the menu entry leads there).
  await page.goto(`${baseURL}/admin/supervision/warnings`);
  await page.getByTestId('warnings-page').waitFor({ timeout: 30_000 });
  const link = page.getByTestId('warning-link-case.decision_overdue').first();
  await link.waitFor({ timeout: 30_000 });
  await screenshot(page, '01-county-supervisor-warnings');
  await link.click();
  await page.getByTestId('warning-detail').waitFor();
  const warningUrl = page.url();
  assert.match(await page.getByTestId('warning-status').textContent(), /待签收|Raised/);

  // Issue a supervision opinion from the warning.
  await page.getByTestId('warning-issue-document').click();
  await page.getByTestId('document-issue-page').waitFor();
  await page.getByTestId('document-body').fill('经查，你局办理的案件已超过法定办案期限，请于收到本意见书之日起十个工作日内依法作出处理决定并书面报告。');
  await screenshot(page, '02-issue-opinion');
  await page.getByTestId('document-submit').click();
  await page.getByTestId('document-detail').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('document-status').textContent(), /待答复|Awaiting/);
  const documentUrl = page.url();
  const pdf = await page.request.get(api(`/supervision/documents/${documentUrl.split('/').pop()}/pdf`));
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  await screenshot(page, '03-opinion-issued');

  // The agency head answers.
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const hp = await ctx.newPage();
  await login(hp, baseURL, 'county_head');
  await hp.goto(documentUrl);
  await hp.getByTestId('document-detail').waitFor({ timeout: 30_000 });
  await hp.getByTestId('document-action-answer').click();
  await hp.getByTestId('document-text').fill('已于收到意见书后作出行政处罚决定并送达，附决定书。');
  await hp.getByTestId('document-action-submit').click();
  await hp.getByTestId('document-status').filter({ hasText: /已答复|Answered/ }).waitFor({ timeout: 30_000 });
  await screenshot(hp, '04-agency-answered');
  await ctx.close();

  // The supervisor accepts; the warning closes.
  await page.reload();
  await page.getByTestId('document-action-accept').click();
  await page.getByTestId('document-action-submit').click();
  await page.getByTestId('document-status').filter({ hasText: /已采纳|Accepted/ }).waitFor({ timeout: 30_000 });
  await page.goto(warningUrl);
  await page.getByTestId('warning-status').filter({ hasText: /已办结|Closed/ }).waitFor({ timeout: 30_000 });
  await page.getByTestId('warning-event-close').waitFor();
  await screenshot(page, '05-warning-closed');

  // 两法衔接: the demo's crime transfer (city market bureau → county police) has had no answer for more than 3 days
  // (国务院令第310号 Art.8–9); the scan raises it for the city justice bureau, through the transfers module's finder.
  const cctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const cp = await cctx.newPage();
  await login(cp, baseURL, 'supervisor');
  const cityApi = (p) => `${baseURL}/api/v1${p}`;
  const policeScan = await json(await cp.request.post(cityApi('/supervision/scan'), { data: { rules: ['transfer.police_answer_overdue'] } }), 'scan police answers');
  assert.equal(policeScan.failed.length, 0, JSON.stringify(policeScan));
  const police = await json(await cp.request.get(cityApi('/supervision/warnings?ruleKey=transfer.police_answer_overdue')), 'police-answer warnings');
  assert.ok(police.items.length >= 1, 'the unanswered police transfer raised a warning');
  await cp.goto(`${baseURL}/admin/supervision/warnings/${police.items[0].id}`);
  await cp.getByTestId('warning-detail').waitFor({ timeout: 30_000 });
  assert.match(await cp.getByTestId('warning-detail').innerText(), /公安|police/i);
  await screenshot(cp, '06-police-answer-overdue');
  await cctx.close();
}
