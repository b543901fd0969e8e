// Issue #3, licensing (行政许可): one application from the counter to the certificate, by the officer clicking in the
// back office. The application is registered with materials missing (the tracking number and the one-time code are
// shown); acceptance is refused with its citation (行政许可法 Art.32); the one-time supplement notice lists every missing
// material; the supplement is received; the application is accepted with the sealed receipt, reviewed, granted, and
// the certificate is issued — each step from the buttons the domain's transition table offers.
import assert from 'node:assert/strict';
import { login } from '../lib/session.mjs';

export const name = '行政许可全流程：收件登记、一次告知补正、受理、审查、准予许可、颁发证件 (a licence application from intake to certificate)';
export const timeout = 240_000;

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function withUsccCheckChar(first17) {
  const sum = [...first17].reduce((s, ch, i) => s + USCC_CHARSET.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return first17 + USCC_CHARSET[(31 - (sum % 31)) % 31];
}
const DAY = 86_400_000;
const ymd = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

async function settle(page) {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity || !!a.effect?.target?.closest?.('.ant-message, .ant-wave')), null, { timeout: 10_000 })
    .catch(() => {});
}

/** Opens an antd Select by its data-testid and clicks the option showing `text` (retried: a click while opening can be lost). */
async function pickOption(page, testId, text) {
  const select = page.getByTestId(testId);
  const input = select.locator('input[role="combobox"]');
  const listId = `${await input.getAttribute('id')}_list`;
  const popup = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) });
  const chosen = select.locator('.ant-select-selection-item, .ant-select-content-has-value').filter({ hasText: text });
  for (let attempt = 1; ; attempt++) {
    if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click();
    const option = popup.locator('.ant-select-item-option').filter({ hasText: text }).first();
    await option.waitFor({ timeout: 30_000 });
    await option.click();
    try {
      await chosen.first().waitFor({ timeout: 3_000 });
      if ((await input.getAttribute('aria-expanded')) === 'true') await input.press('Escape');
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${testId}: choosing ${text} did not take`, { cause: e });
    }
  }
}

async function typeDate(page, testId, date) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.waitForFunction(([id, d]) => document.querySelector(`[data-testid="${id}"]`)?.value === d, [testId, date]);
}

const version = async (page) => Number(await page.getByTestId('licensing-detail').getAttribute('data-version'));

/** One step from the application page: the enabled button, the drawer's form filled, done when the version moves on. */
async function takeStep(page, shot, action, fill, { snap } = {}) {
  const before = await version(page);
  const button = page.getByTestId(`action-${action}`);
  await button.waitFor({ timeout: 30_000 });
  assert.equal(await button.getAttribute('data-refused'), 'false', `the ${action} button is enabled`);
  await button.click();
  const form = page.getByTestId(`licensing-form-${action}`);
  await form.waitFor({ timeout: 30_000 });
  if (fill) await fill();
  if (snap) await shot(snap);
  await page.getByTestId('action-submit').click();
  const outcome = await page.waitForFunction(
    (v) => {
      const d = document.querySelector('[data-testid="licensing-detail"]');
      if (d && Number(d.getAttribute('data-version')) > v) return 'done';
      const err = document.querySelector('[data-testid="action-error"]');
      if (err) return `refused: ${err.textContent}`;
      const invalid = [...document.querySelectorAll('.ant-drawer .ant-form-item-explain-error')].map((e) => e.textContent).filter(Boolean);
      if (invalid.length) return `form errors: ${invalid.join('; ')}`;
      return false;
    },
    before,
    { timeout: 60_000 },
  );
  assert.equal(await outcome.jsonValue(), 'done', action);
  await form.waitFor({ state: 'detached', timeout: 30_000 });
}

export default async function licensingJourney({ page, context, baseURL, screenshot }) {
  const pageErrors = [];
  context.on('weberror', (e) => pageErrors.push(e.error().message));
  const api = (p) => `${baseURL}/api/v1${p}`;
  const shot = async (n, opts = {}) => {
    if (opts.fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    return screenshot(page, n, opts);
  };

  await login(page, baseURL, 'officer');
  const me = await json(await page.request.get(api('/auth/me')), 'GET /auth/me');
  const agencyId = me.scope.agencyId;
  // A licensing item of the agency whose service guide lists at least three materials: the first by code.
  const licensing = await json(await page.request.get(api(`/items?category=licensing&subjectId=${agencyId}&pageSize=200`)), 'GET /items (licensing)');
  const item = licensing.items.filter((i) => !i.withdrawnAt && (i.serviceGuide?.materials?.length ?? 0) >= 3).sort((a, b) => a.code.localeCompare(b.code))[0];
  assert.ok(item, 'the agency has a licensing item with a list of materials');
  const materials = item.serviceGuide.materials;
  const missing = materials.slice(-2);
  // A reviewer for the review: the first serving non-reviewer colleague by name.
  const staff = await json(await page.request.get(api(`/officers?agencyId=${agencyId}&pageSize=200`)), 'GET /officers');
  const reviewer = staff.items.filter((o) => o.onDuty && !o.isLegalReviewer).sort((a, b) => a.name.localeCompare(b.name))[0];
  assert.ok(reviewer, 'a colleague to review the application');

  // ---- 1. the list, then 收件登记 with two materials missing ----------------------------------------------------------
  await page.goto(`${baseURL}/admin/licensing`);
  await page.getByTestId('licensing-page').waitFor({ timeout: 30_000 });
  // The demo's applications and the 许可待办 (overdue first) are there before this one is registered.
  await page.getByTestId('licensing-todo').waitFor({ timeout: 30_000 });
  await shot('45-licensing-00-list', { fullPage: true });
  await page.getByTestId('licensing-create').click();
  await page.getByTestId('licensing-register-page').waitFor({ timeout: 30_000 });
  await pickOption(page, 'licensing-item', item.name);
  const group = page.getByTestId('licensing-materials');
  await group.waitFor({ timeout: 30_000 });
  for (const m of materials.slice(0, -2)) await group.getByText(m, { exact: true }).click();
  await page.getByTestId('licensing-applicant-name').fill('秦皇岛市海港区味之源餐饮有限公司');
  await page.getByTestId('licensing-applicant-uscc').fill(withUsccCheckChar('91130302MA0E2E045'));
  await shot('45-licensing-01-register', { fullPage: true });
  await page.getByTestId('licensing-register-submit').click();
  await page.getByTestId('licensing-registered').waitFor({ timeout: 30_000 });
  const applicationNo = (await page.getByTestId('registered-no').innerText()).trim();
  const code = (await page.getByTestId('registered-code').innerText()).trim();
  assert.match(applicationNo, /^XK\d{16}$/, 'a tracking number');
  assert.match(code, /^[A-Z2-9]{8}$/, 'a verification code shown once');
  await shot('45-licensing-02-registered');
  await page.getByTestId('registered-open').click();
  await page.getByTestId('licensing-detail').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('licensing-detail').getAttribute('data-status'), 'received');
  const missingText = await page.getByTestId('licensing-missing').innerText();
  for (const m of missing) assert.ok(missingText.includes(m), `the page names the missing ${m}`);

  // ---- 2. acceptance is refused with its citation; the one-time notice lists everything missing ----------------------
  const refusedAccept = page.getByTestId('action-refused-accept');
  await refusedAccept.waitFor({ timeout: 30_000 });
  await refusedAccept.hover();
  const popover = page.locator('.ant-popover:visible').filter({ has: page.getByTestId('refusal-citation') });
  await popover.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await popover.innerText(), /行政许可法 Art\.32/, 'the refusal cites 行政许可法 Art.32');
  await shot('45-licensing-03-accept-refused');
  await page.mouse.move(5, 890);
  await takeStep(page, shot, 'request_supplement', async () => {
    const list = await page.getByTestId('supplement-list').innerText();
    for (const m of missing) assert.ok(list.includes(m), `the notice lists ${m}`);
  }, { snap: '45-licensing-04-supplement-notice' });
  assert.equal(await page.getByTestId('licensing-detail').getAttribute('data-status'), 'supplement_requested');
  // A second notice is not on the table: its button is gone.
  assert.equal(await page.getByTestId('action-request_supplement').count(), 0, 'no second supplement notice');

  // ---- 2b. the applicant follows it on the public portal with number + code (事中公示): status and what is missing -------
  const portal = await context.newPage();
  await portal.setViewportSize({ width: 390, height: 844 });
  await portal.goto(`${baseURL}/licence-progress`);
  await portal.getByTestId('lp-no').fill(applicationNo);
  await portal.getByTestId('lp-code').fill('WRONG234');
  await portal.getByTestId('lp-submit').click();
  await portal.getByTestId('lp-not-found').waitFor({ timeout: 30_000 });
  await portal.getByTestId('lp-code').fill(code);
  await portal.getByTestId('lp-submit').click();
  await portal.getByTestId('lp-result').waitFor({ timeout: 30_000 });
  const portalMissing = await portal.getByTestId('lp-missing').innerText();
  for (const m of missing) assert.ok(portalMissing.includes(m), `the portal names the missing ${m}`);
  assert.match(await portal.getByTestId('lp-status').innerText(), /补正/, 'the portal shows the supplement status');
  await portal.evaluate(() => window.scrollTo(0, 0));
  await settle(portal);
  await screenshot(portal, '45-licensing-04b-portal-progress', { fullPage: true });
  await portal.close();

  // ---- 3. supplement received, accepted, reviewed, granted, certificate -----------------------------------------------
  await takeStep(page, shot, 'receive_supplement');
  await takeStep(page, shot, 'accept');
  assert.equal(await page.getByTestId('licensing-detail').getAttribute('data-status'), 'accepted');
  assert.equal(await page.getByTestId('deadline-decision').getAttribute('data-state'), 'running', 'the decision period runs');
  await takeStep(page, shot, 'start_review', () => pickOption(page, 'reviewer-ids', reviewer.name));
  await takeStep(page, shot, 'grant', () => page.getByTestId('field-reason').fill('申请材料齐全，符合法定条件，准予行政许可。'));
  assert.equal(await page.getByTestId('licensing-detail').getAttribute('data-status'), 'granted');
  assert.equal(await page.getByTestId('deadline-certificate').getAttribute('data-state'), 'running', 'the certificate period runs');
  const serverToday = (await json(await page.request.get(api(`/licensing/applications?q=${applicationNo}`)), 'find the application')).items[0].today;
  const expiresOn = ymd(Date.parse(serverToday) + 5 * 365 * DAY);
  await takeStep(page, shot, 'issue_certificate', async () => {
    // The date first: Enter confirms it and may try to submit, which the still-empty required number stops.
    await typeDate(page, 'expires-on', expiresOn);
    await page.getByTestId('certificate-no').fill('JY11303020045001');
    await page.waitForFunction(() => document.querySelectorAll('.ant-drawer .ant-form-item-explain-error').length === 0);
  }, { snap: '45-licensing-05-certificate-form' });
  assert.equal(await page.getByTestId('licensing-detail').getAttribute('data-status'), 'certificate_issued');
  assert.ok((await page.getByTestId('licensing-licence').innerText()).includes('JY11303020045001'));
  await page.getByTestId('licensing-renewal').waitFor({ timeout: 30_000 });
  // The timeline is its own query: it may show the last step a moment after the status.
  await page.getByTestId('licensing-timeline').getByText('颁发许可证件').first().waitFor({ timeout: 30_000 });
  const events = await page.getByTestId('licensing-timeline').innerText();
  for (const step of ['收件登记', '一次告知补正', '收到补正材料', '受理', '开始审查', '准予许可', '颁发许可证件']) assert.ok(events.includes(step), `the timeline shows ${step}`);
  await shot('45-licensing-06-certificate-issued', { fullPage: true });
  assert.deepEqual(pageErrors, [], 'no page errors');
}
