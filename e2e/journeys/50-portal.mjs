// Issue #4 ("done when"): the public disclosure portal. A decided penalty case of the demo city is on the portal within
// its deadline with the natural person masked; a search for 罚款 finds it; the agency head withdraws another decision
// in the back office and the portal then shows the public reason; a citizen files a complaint, the officer accepts
// it, and the citizen follows its status with the tracking number and code — all public pages without a login.
import assert from 'node:assert/strict';
import { serverClock } from '../lib/clock.mjs';
import { login, logout } from '../lib/session.mjs';

export const name = '公示平台：决定公开（脱敏）、检索“罚款”、撤下并说明理由、投诉举报及进度查询 (the public portal)';
export const timeout = 240_000;

const ID_OR_MOBILE = /(?<!\d)(\d{17}[\dXx]|\d{15}|1[3-9]\d{9})(?!\d)/;

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

export default async function portal({ page, context, baseURL, screenshot }) {
  await page.setViewportSize({ width: 390, height: 844 }); // a phone: the portal must work there first

  // ---- a member of the public searches for 罚款 ------------------------------------------------------------------------
  await page.goto(`${baseURL}/`);
  await page.getByTestId('portal-home').waitFor({ timeout: 30_000 });
  await screenshot(page, 'home-phone');
  await page.getByTestId('home-search').locator('input').fill('罚款');
  await page.getByTestId('home-search').locator('input').press('Enter');
  await page.getByTestId('decisions-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('decision-row').first().waitFor({ timeout: 30_000 });
  assert.match(page.url(), /\/decisions\?q=%E7%BD%9A%E6%AC%BE/);
  const rows = page.getByTestId('decision-row');
  assert.ok((await rows.count()) >= 2, 'the demo decisions are found by 罚款');
  const personRow = rows.filter({ hasText: '王某某' });
  assert.equal(await personRow.count(), 1, 'the natural-person party is listed as 王某某');
  assert.equal(await page.getByText('王建华').count(), 0, 'the party’s real name is not on the page');
  await screenshot(page, 'search-fakuan');

  await personRow.locator('a').first().click();
  await page.getByTestId('decision-detail').waitFor({ timeout: 30_000 });
  const facts = await page.getByTestId('decision-facts').innerText();
  assert.match(facts, /王某某/);
  assert.doesNotMatch(facts, /王建华|迎宾路56号/);
  assert.doesNotMatch(facts, ID_OR_MOBILE, 'no ID or mobile number in the facts');
  assert.match(facts, /139\*{4}1234/, 'the phone number is masked');
  await screenshot(page, 'decision-masked');

  // within its deadline: published on or before the due date (the back office shows the task as published, not late)
  const pubId = page.url().split('/').pop();
  const detail = await json(await page.request.get(`${baseURL}/api/v1/public/decisions/${pubId}`), 'decision');
  assert.ok(detail.publishedOn >= detail.decidedOn);

  // ---- the agency head withdraws the organisation's decision with a public reason ------------------------------------
  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, baseURL, 'head');
  await page.goto(`${baseURL}/admin/publicity`);
  await page.getByTestId('publicity-page').waitFor({ timeout: 30_000 });
  const tasks = await json(await page.request.get(`${baseURL}/api/v1/publicity/tasks?state=published`), 'tasks');
  assert.ok(tasks.items.length >= 2 && tasks.items.every((t) => !t.wasLate && t.publishedOn <= t.dueOn), 'published within the deadline');
  await screenshot(page, 'publicity-tasks');

  // ---- before release a person reviews the redacted copy beside the original (PR3), then approves it ---------------------
  await page.goto(`${baseURL}/admin/publicity/review`);
  await page.getByTestId('review-queue').waitFor({ timeout: 30_000 });
  const pendingBefore = await json(await page.request.get(`${baseURL}/api/v1/publicity/tasks?state=pending&pageSize=200`), 'pending tasks');
  assert.ok(pendingBefore.items.length >= 1, 'the demo leaves copies waiting for review');
  await page.getByTestId('review-open').first().click();
  await page.getByTestId('review-original').waitFor({ timeout: 30_000 });
  await page.getByTestId('review-redacted').waitFor();
  await screenshot(page, 'publicity-review-side-by-side');
  await page.getByTestId('review-approve').click();
  await page.getByTestId('review-queue').waitFor({ timeout: 30_000 });
  const pendingAfter = await json(await page.request.get(`${baseURL}/api/v1/publicity/tasks?state=pending&pageSize=200`), 'pending tasks');
  assert.equal(pendingAfter.items.length, pendingBefore.items.length - 1, 'the approved copy left the review queue');
  await page.goto(`${baseURL}/admin/publicity`);
  await page.getByTestId('publicity-page').waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: /已公开决定/ }).click();
  const orgRow = page.locator('tr').filter({ hasText: '福源食品' });
  await orgRow.getByTestId('publication-withdraw').click();
  const reason = '该处罚决定已被行政复议机关撤销，现予撤下。';
  await page.getByTestId('withdraw-reason').fill(reason);
  const { today } = await serverClock(baseURL); // the server's date in China: it decides what is in the future
  await page.getByTestId('withdraw-changed-on').fill(today);
  await page.getByRole('button', { name: /OK|确\s*定/ }).click();
  await page.locator('tr').filter({ hasText: '福源食品' }).getByText('已撤下').waitFor({ timeout: 30_000 });
  await screenshot(page, 'withdrawn-in-back-office');
  await logout(page);

  // ---- the portal: gone from search, the detail shows the reason ------------------------------------------------------
  await context.clearCookies();
  const after = await json(await page.request.get(`${baseURL}/api/v1/public/decisions?q=${encodeURIComponent('扬尘')}`), 'search');
  assert.equal(after.total, 0, 'the withdrawn decision is no longer listed');
  assert.equal((await page.request.get(`${baseURL}/api/v1/publicity/withdrawals`)).status(), 401, 'the back-office list needs a login');
  const all = await json(await page.request.get(`${baseURL}/api/v1/public/decisions/export.json`), 'export');
  assert.ok(!all.some((d) => d.partyName.includes('福源')));
  // the withdrawn record keeps its id (stable ids): the supervisor's list gives it, the public detail shows the reason
  await login(page, baseURL, 'supervisor');
  const ws = await json(await page.request.get(`${baseURL}/api/v1/publicity/withdrawals`), 'withdrawals');
  await logout(page);
  await context.clearCookies();
  await page.goto(`${baseURL}/decisions/${ws[0].publicationId}`);
  await page.getByTestId('decision-withdrawn').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('decision-withdrawn').innerText(), new RegExp(reason));
  await screenshot(page, 'withdrawn-public-reason');

  // ---- a citizen files a complaint and follows it ------------------------------------------------------------------------
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${baseURL}/complaints/new`);
  await page.getByTestId('complaint-form').waitFor({ timeout: 30_000 });
  const agency = page.getByTestId('complaint-agency');
  await agency.click();
  await agency.locator('input').fill('秦皇岛市市场监督管理局');
  await page.locator('.ant-select-item-option').filter({ hasText: /^秦皇岛市市场监督管理局$/ }).first().click();
  await page.getByTestId('complaint-subject').fill('海港区某便利店');
  await page.getByTestId('complaint-content').fill('该便利店长期销售过期面包，店员拒绝退换。');
  await page.getByTestId('complaint-submit').click();
  await page.getByTestId('complaint-filed').waitFor({ timeout: 30_000 });
  const trackingNo = (await page.getByTestId('complaint-tracking').innerText()).trim();
  const code = (await page.getByTestId('complaint-code').innerText()).trim();
  assert.match(trackingNo, /^TS\d{8}[2-9A-HJ-NP-Z]{6}$/);
  assert.match(code, /^\d{6}$/);
  await screenshot(page, 'complaint-filed');

  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, baseURL, 'officer');
  await page.goto(`${baseURL}/admin/publicity`);
  await page.getByRole('tab', { name: /投诉举报/ }).click();
  const row = page.locator('tr').filter({ hasText: trackingNo });
  await row.getByTestId('complaint-accept').click();
  await page.getByTestId('complaint-note').fill('已受理，将在15个工作日内核查并答复。');
  await page.getByRole('button', { name: /OK|确\s*定/ }).click();
  await page.locator('tr').filter({ hasText: trackingNo }).getByText('已受理').waitFor({ timeout: 30_000 });
  await logout(page);
  await context.clearCookies();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${baseURL}/complaints/status?no=${trackingNo}`);
  await page.getByTestId('status-code').fill(code === '000000' ? '000001' : '000000');
  await page.getByTestId('status-submit').click();
  await page.getByText(/未找到|Not found/).waitFor({ timeout: 30_000 });
  await page.getByTestId('status-code').fill(code);
  await page.getByTestId('status-submit').click();
  await page.getByTestId('status-result').waitFor({ timeout: 30_000 });
  assert.equal((await page.getByTestId('status-name').innerText()).trim(), '已受理');
  assert.match(await page.getByTestId('status-result').innerText(), /15个工作日内核查/);
  await screenshot(page, 'complaint-status');
}
