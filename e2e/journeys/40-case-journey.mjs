// Issue #3 ("done when"): one major penalty case of the ordinary procedure (一般程序), start to finish, by users clicking
// in the back office. The officer registers the lead through the form, files it, investigates and ends the
// investigation with a proposal inside the item's discretion tier; the decision is not possible before the legal
// review and the refusals carry their legal citations; the reviewer passes the review from the 法制审核 workspace; the
// notice is served and the decision is refused until the statement window (行政处罚法 Art.44) has passed; the server
// clock is moved on; the agency head decides (numbered decision PDF); the officer serves it, records the payment and
// closes the case, and the whole 案卷 comes out as one PDF.
// Clock: moves the server's clock past the statement window, at least 10 days (see e2e/run.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { attachRecordingInPanel } from '../lib/recording.mjs';
import { login, logout, DEMO_PASSWORD } from '../lib/session.mjs';

export const name = '一般程序重大案件全流程：登记、立案、调查、法制审核、告知、决定、送达、缴款、结案与案卷 (a major penalty case from lead to case file)';
export const timeout = 300_000;

const DAY = 86_400_000;
/** apps/web/src/i18n/zh-CN.ts tierLevel.* */
const TIER_ZH = { exempt: '不予处罚', light: '从轻', general: '一般', serious: '从重' };
const DECISION_NO = /冀秦市监罚〔\d{4}〕\d+号/;

// ---- helpers -----------------------------------------------------------------------------------------------------------

/** GB 32100-2015 check character (packages/domain/src/validation/uscc.ts, re-done here: journeys are plain node). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function withUsccCheckChar(first17) {
  const sum = [...first17].reduce((s, ch, i) => s + USCC_CHARSET.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return first17 + USCC_CHARSET[(31 - (sum % 31)) % 31];
}

const ymd = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10); // a date in China (UTC+8, no DST)
const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);
const compact = (s) => s.replace(/\s+/g, '');

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

/**
 * Opens an antd Select (found by its data-testid), optionally types a search, and clicks the option matching `text`;
 * retried until the select shows the choice (a click during the popup's opening animation can be lost).
 */
async function pickOption(page, testId, text, search) {
  const select = page.getByTestId(testId);
  const input = select.locator('input[role="combobox"]');
  const listId = `${await input.getAttribute('id')}_list`;
  // The popup holding this select's listbox (antd also renders a hidden accessibility list under the same id).
  const popup = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) });
  const chosen = select.locator('.ant-select-selection-item, .ant-select-content-has-value').filter({ hasText: text });
  for (let attempt = 1; ; attempt++) {
    if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click();
    if (search !== undefined && (await input.inputValue()) !== search) await input.fill(search);
    const option = popup.locator('.ant-select-item-option').filter({ hasText: text }).first();
    await option.waitFor({ timeout: 30_000 });
    await option.click();
    try {
      await chosen.first().waitFor({ timeout: 3_000 });
      // A multiple select stays open after a choice: close it, so it covers nothing in the next step or screenshot.
      if ((await input.getAttribute('aria-expanded')) === 'true') await input.press('Escape');
      await page.waitForFunction((id) => document.getElementById(id)?.getAttribute('aria-expanded') !== 'true', await input.getAttribute('id'));
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${testId}: choosing ${text} did not take`, { cause: e });
    }
  }
}

/**
 * Waits until the page's finite CSS animations (drawers, popovers) have finished, for a clean screenshot; the toasts
 * and the 2-second click ripples (.ant-wave) do not hide anything and are not waited for.
 */
async function settle(page) {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity || !!a.effect?.target?.closest?.('.ant-message, .ant-wave')),
      null,
      { timeout: 10_000 },
    )
    .catch(() => {}); // only the picture suffers
}

/** Types a date into an antd DatePicker's input and confirms it with Enter. */
async function typeDate(page, testId, date) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.waitForFunction(([id, d]) => document.querySelector(`[data-testid="${id}"]`)?.value === d, [testId, date]);
}

async function caseVersion(page) {
  return Number(await page.getByTestId('case-detail').getAttribute('data-version'));
}

/**
 * Takes one step from the case page: its button must be enabled (unless its form is open already); the drawer's form
 * is filled by `fill`, submitted, and the step is done when the case's data-version moves on. A refusal or a form
 * error fails at once with its text.
 */
async function takeStep(page, shot, action, fill, { snap } = {}) {
  const before = await caseVersion(page);
  const form = page.getByTestId(`action-form-${action}`);
  if (!(await form.isVisible())) {
    const button = page.getByTestId(`action-${action}`);
    await button.waitFor({ timeout: 30_000 });
    assert.equal(await button.getAttribute('data-refused'), 'false', `the ${action} button is enabled`);
    await button.click();
  }
  await form.waitFor({ timeout: 30_000 });
  if (fill) await fill();
  if (snap) await shot(snap);
  await page.getByTestId('action-submit').click();
  const outcome = await page.waitForFunction(
    (v) => {
      const d = document.querySelector('[data-testid="case-detail"]');
      if (d && Number(d.getAttribute('data-version')) > v) return 'done';
      const err = document.querySelector('[data-testid="action-error"]');
      if (err) return `refused: ${err.textContent}`;
      const invalid = [...document.querySelectorAll('[data-testid="action-form"] .ant-form-item-explain-error')].map((e) => e.textContent).filter(Boolean);
      if (invalid.length) return `form errors: ${invalid.join('; ')}`;
      return false;
    },
    before,
    { timeout: 60_000 },
  );
  const result = await outcome.jsonValue();
  assert.equal(result, 'done', `${action}: ${result}`);
  await form.waitFor({ state: 'detached', timeout: 30_000 });
  return caseVersion(page);
}

/** The refusal popover of a disabled step button: checks the button is disabled, hovers its wrapper, returns the popover. */
async function refusalPopover(page, action) {
  const wrapper = page.getByTestId(`action-refused-${action}`);
  await wrapper.waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId(`action-${action}`).getAttribute('data-refused'), 'true', `${action} is shown refused`);
  assert.ok(await page.getByTestId(`action-${action}`).isDisabled(), `the ${action} button is disabled`);
  await wrapper.hover();
  const popover = page.locator('.ant-popover:visible').filter({ has: page.getByTestId('refusal-citation') });
  await popover.waitFor({ state: 'visible', timeout: 15_000 });
  return popover;
}

async function closePopover(page) {
  await page.mouse.move(5, 890);
  await page.locator('.ant-popover:visible').first().waitFor({ state: 'hidden', timeout: 10_000 });
}

async function openCase(page, baseURL, caseId) {
  await page.goto(`${baseURL}/admin/cases/${caseId}`);
  await page.getByTestId('case-detail').waitFor({ timeout: 30_000 });
}

/** Writes the PDF to `file` and returns its text (poppler's pdftotext). */
function pdfText(buf, file) {
  fs.writeFileSync(file, buf);
  return { file, text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }) };
}

// ---- the journey -------------------------------------------------------------------------------------------------------

export default async function caseJourney({ page, context, baseURL, screenshot, artifactsDir }) {
  const pageErrors = [];
  context.on('weberror', (e) => pageErrors.push(e.error().message));
  // The decision and the case file are kept beside the screenshots (CI artifacts).
  const keep = (name) => path.join(artifactsDir, `40-case-journey--${name}`);
  const api = (p) => `${baseURL}/api/v1${p}`;
  // Screenshots once the page has stopped moving; a full-page one from the top (the header and menu are sticky).
  const shot = async (name, opts = {}) => {
    if (opts.fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    return screenshot(page, name, opts);
  };

  // The server's date (its clock may have been moved before; legal dates follow it).
  const clock0 = await json(await page.request.post(api('/test/clock'), { data: { advanceDays: 0 } }), 'read the server clock');
  const serverToday = ymd(Date.parse(clock0.now));
  const today = serverToday; // the date pickers refuse days after the server's today, whatever the browser's clock says
  const violationOn = ymd(Date.parse(today) - 40 * DAY);
  const discoveredOn = ymd(Date.parse(today) - 12 * DAY);

  // The demo reviewer's officer record, to submit the case to (a separate API session, not the browser's).
  const reviewerLogin = await fetch(api('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reviewer', password: DEMO_PASSWORD }) });
  assert.equal(reviewerLogin.status, 200, 'the demo reviewer can log in');
  const reviewerUser = (await reviewerLogin.json()).user;
  assert.ok(reviewerUser.officerId, 'the demo reviewer is an officer');
  const reviewerCookie = (reviewerLogin.headers.get('set-cookie') ?? '').split(';')[0];
  await fetch(api('/auth/logout'), { method: 'POST', headers: { cookie: reviewerCookie, 'content-type': 'application/json' }, body: '{}' });

  // ---- 1. the officer registers the lead (登记案源) through the form ------------------------------------------------
  await login(page, baseURL, 'officer');
  const me = await json(await page.request.get(api('/auth/me')), 'GET /auth/me');
  const agencyId = me.scope.agencyId;
  assert.ok(agencyId && me.user.officerId, 'the demo officer belongs to an agency and has an officer record');

  // A major item of the agency (catalogue major criteria with a fine threshold) whose discretion benchmark has a
  // fine tier reaching that threshold: the first by code, the fine the threshold (or the tier's floor if higher).
  const majors = await json(await page.request.get(api(`/items?category=penalty&list=major&subjectId=${agencyId}&pageSize=200`)), 'GET /items (major)');
  const candidates = majors.items
    .filter((i) => !i.withdrawnAt && i.published && i.majorCriteria?.fineAtLeast != null)
    .flatMap((i) =>
      (i.discretionTiers ?? [])
        .filter((t) => t.penaltyTypes.includes('fine') && t.fineMax != null && t.fineMax >= i.majorCriteria.fineAtLeast)
        .map((t) => ({ item: i, tier: t, fine: Math.max(i.majorCriteria.fineAtLeast, t.fineMin ?? 0) }))
        .filter((c) => c.fine <= c.tier.fineMax),
    )
    .sort((a, b) => a.item.code.localeCompare(b.item.code) || a.fine - b.fine);
  assert.ok(candidates.length > 0, 'the agency has a major item with a fine tier at or above the major threshold');
  const { item, tier, fine } = candidates[0];
  const fineText = fine.toLocaleString('en-US');

  // The officer's own record plus a colleague with an active market certificate covering the city, valid well
  // beyond the clock move (first by certificate number).
  const staff = await json(await page.request.get(api(`/officers?agencyId=${agencyId}&pageSize=200`)), 'GET /officers');
  const self = staff.items.find((o) => o.id === me.user.officerId);
  assert.equal(self?.certificateSummary?.status, 'active', 'the demo officer holds an active certificate');
  const colleague = staff.items
    .filter(
      (o) =>
        o.id !== self.id &&
        o.id !== reviewerUser.officerId &&
        o.onDuty &&
        !o.isLegalReviewer &&
        o.personnelType !== 'auxiliary' &&
        o.certificateSummary?.status === 'active' &&
        (o.certificateSummary.categories.includes(item.sector) || o.certificateSummary.categories.includes('comprehensive')) &&
        o.certificateSummary.areaCode === me.scope.regionCode &&
        o.certificateSummary.expiresOn > ymd(Date.parse(today) + 400 * DAY),
    )
    .sort((a, b) => a.certificateSummary.number.localeCompare(b.certificateSummary.number))[0];
  assert.ok(colleague, 'a certified colleague of the market bureau');

  // A 街道 of 海港区 (130302), the first by code.
  const streets = await json(await page.request.get(api('/regions?parentCode=130302&pageSize=100')), 'GET /regions');
  const street = streets.items.filter((r) => r.level === 4 && !r.withdrawnAt && /街道$/.test(r.name)).sort((a, b) => a.code.localeCompare(b.code))[0];
  assert.ok(street, 'a street of 海港区');

  const uscc = withUsccCheckChar('91130302MA0E2E001');
  const party = {
    name: '秦皇岛市海港区鑫味源餐饮管理有限公司',
    uscc,
    legalRepresentative: '王建国',
    address: `河北省秦皇岛市海港区${street.name}建设大街128号`,
    phone: '0335-3061234',
  };

  await page.getByTestId('menu-cases').click();
  await page.getByTestId('case-create').click();
  await page.getByTestId('case-open-form').waitFor();
  await pickOption(page, 'case-item', item.code, item.code);
  await pickOption(page, 'case-place', street.code, street.name);
  // The officer is pre-filled; add the colleague.
  await page.getByTestId('case-officers').getByText(self.certificateSummary.number).waitFor();
  await pickOption(page, 'case-officers', colleague.certificateSummary.number, colleague.certificateSummary.number);
  await page.getByTestId('case-officers').locator('.ant-select-selection-item').nth(1).waitFor();
  await typeDate(page, 'case-violation-on', violationOn);
  await typeDate(page, 'case-discovered-on', discoveredOn);
  await page.getByTestId('case-party-type').getByText('法人或其他组织').click();
  await page.getByTestId('case-party-name').fill(party.name);
  await page.getByTestId('case-party-uscc').fill(party.uscc);
  await page.getByTestId('case-party-legalRepresentative').fill(party.legalRepresentative);
  await page.getByTestId('case-party-address').fill(party.address);
  await page.getByTestId('case-party-phone').fill(party.phone);
  await shot('01-open-form', { fullPage: true });
  await page.getByTestId('case-open-submit').click();
  await page.waitForURL(/\/admin\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const caseId = page.url().split('/').pop();
  const detail = page.getByTestId('case-detail');
  await detail.waitFor();
  assert.equal(await detail.getAttribute('data-status'), 'lead');
  const opened = await json(await page.request.get(api(`/cases/${caseId}`)), 'GET the case');
  assert.equal(opened.itemId, item.id);
  assert.deepEqual([...opened.facts.officerIds].sort(), [self.id, colleague.id].sort(), 'the two officers are on the case');
  assert.equal(opened.party.uscc, uscc);
  assert.equal(opened.party.address, party.address, 'the party has an address for service (行政处罚法 Art.59)');
  assert.ok(opened.placePath.includes(`/${street.code}/`), 'the place is the chosen street');
  assert.equal(opened.facts.violation.committedOn, violationOn);
  assert.equal(opened.facts.discoveredOn, discoveredOn);
  await shot('02-lead');

  // ---- 2. 立案 → 开始调查 → 调查终结 -------------------------------------------------------------------------------------
  await takeStep(page, shot, 'file', async () => {
    await page.getByTestId('field-reason').fill('经初步核查，当事人涉嫌违法事实存在，依法应予立案查处。');
  });
  assert.equal(await detail.getAttribute('data-status'), 'filed');
  const caseNo = (await page.getByTestId('case-no').innerText()).trim();
  assert.match(caseNo, /立〔\d{4}〕\d+号/, 'filing gives the case its number');
  await takeStep(page, shot, 'start_investigation');
  assert.equal(await detail.getAttribute('data-status'), 'investigating');
  // REC3: where the item requires the investigation on audio-video, ending it waits for the recording; the button says
  // why, and the officer uploads the body-worn camera's video in the evidence panel.
  if (item.avRequirements?.investigation === 'required') {
    const pop = await refusalPopover(page, 'end_investigation');
    assert.match(await pop.textContent(), /REC3/);
    await shot('02b-end-investigation-needs-recording');
    await closePopover(page);
  }
  await attachRecordingInPanel(page, { stageZh: '调查取证', place: party.address, proves: '现场检查及询问当事人全过程' });
  await shot('02c-recording-attached', { fullPage: true });

  const legalBasis = (item.legalBasis ?? []).map((b) => `《${b.law}》${b.article}`).join('；') || '《中华人民共和国食品安全法》';
  await takeStep(
    page,
    shot,
    'end_investigation',
    async () => {
      await page.getByTestId('field-findings').fill(
        `经查，当事人${party.name}于${violationOn}起实施“${item.name.replace(/^对|的行政处罚$/g, '')}”的违法行为，经现场检查、询问调查，事实清楚，证据确凿。`,
      );
      await page.getByTestId('field-evidence-0').fill(`现场检查笔录（${discoveredOn}）`);
      await page.getByTestId('field-evidence-add').click();
      await page.getByTestId('field-evidence-1').fill('当事人营业执照复印件及法定代表人询问笔录');
      await page.getByTestId('field-legalBasis').fill(legalBasis);
      await pickOption(page, 'field-proposed-types', /^罚款$/);
      await page.getByTestId('field-proposed-fine').fill(String(fine));
      // The option reads as the tier's Chinese label (从轻 / 一般 / 从重 …) and its circumstance.
      await pickOption(page, 'field-discretionTier', `${TIER_ZH[tier.level] ?? tier.level}：${tier.circumstance.slice(0, 6)}`);
    },
    { snap: '03-end-investigation-form' },
  );
  assert.equal(await detail.getAttribute('data-status'), 'investigation_ended');
  const ended = await json(await page.request.get(api(`/cases/${caseId}`)), 'GET the case');
  assert.deepEqual(ended.facts.proposed, { types: ['fine'], fineAmount: fine });
  assert.equal(ended.facts.discretion.tier?.level, tier.level, 'the tier is recorded');
  assert.equal(ended.isMajor, true, `a ${fineText} yuan fine on ${item.code} is a major decision (≥ ${item.majorCriteria.fineAtLeast})`);
  await page.getByText('重大执法决定').first().waitFor();
  assert.match(await page.getByTestId('case-proposed').innerText(), /罚款/);
  // 智能预审 for the review ahead: the two officers were certified when they acted; no reviewer is named yet.
  await page.getByTestId('pre-review-officers_certified').waitFor();
  assert.equal(await page.getByTestId('pre-review-officers_certified').getAttribute('data-status'), 'pass');
  assert.equal(await page.getByTestId('pre-review-reviewer_independent').getAttribute('data-status'), 'warn');
  await page.getByTestId('case-pre-review').scrollIntoViewIfNeeded();
  await shot('03b-pre-review');

  // ---- 3. before the legal review, deciding is not possible, and the refusals cite the law --------------------------
  assert.equal(await page.getByTestId('action-decide').count(), 0, 'no decide step before the legal review');
  const early = await page.request.post(api(`/cases/${caseId}/actions/decide`), { data: { payload: { decisionKind: 'penalty' }, version: await caseVersion(page) } });
  assert.equal(early.status(), 409, 'the server refuses a decision straight after the investigation');
  const earlyError = (await early.json()).error;
  assert.equal(earlyError.code, 'INVALID_TRANSITION');
  assert.ok(!earlyError.details.allowedActions.includes('decide') && earlyError.details.allowedActions.includes('submit_review'), 'only the review is open');
  // 提交法制审核 names the reviewer; until one is chosen the step lists what the law requires (Art.58).
  await page.getByTestId('action-submit_review').click();
  const pending = page.getByTestId('action-pending');
  await pending.waitFor();
  const pendingText = await pending.innerText();
  assert.match(pendingText, /法制审核/);
  assert.match(pendingText, /依据：行政处罚法 Art\.58/, 'the pending refusal shows its citation');
  await shot('04-before-review-art58');

  // ---- 4. 提交法制审核 to the demo reviewer; the reviewer passes it ---------------------------------------------------------
  await takeStep(
    page,
    shot,
    'submit_review',
    async () => {
      await pickOption(page, 'field-reviewerId', new RegExp(`^${reviewerUser.displayName}( ·|$)`));
    },
    { snap: '05-submit-review-form' },
  );
  assert.equal(await detail.getAttribute('data-status'), 'under_review');
  assert.match(await page.getByTestId('case-reviewer').innerText(), new RegExp(reviewerUser.displayName));
  // The bureau reviews in four levels (秦皇岛 四级审核); a major case goes through all four, the leader's last.
  await page.getByTestId('review-chain').waitFor();
  assert.equal(await page.getByTestId('review-chain').getAttribute('data-chain'), 'qinhuangdao-4');
  assert.equal(await page.getByTestId('review-level-leader').getAttribute('data-state'), 'waiting');
  assert.equal(await page.getByTestId('review-level-unit_legal_officer').getAttribute('data-state'), 'current');
  await page.getByTestId('review-chain').scrollIntoViewIfNeeded();
  await shot('05b-review-chain');
  await logout(page);

  // ---- 4a. the unit's legal officer and the unit head sign their levels from their to-do lists ------------------------
  for (const [username, opinion, snap] of [
    ['unit_legal', '案件材料齐全，文书规范，同意报送法制机构审核。', '05c-unit-legal-officer'],
    ['unit_head', '同意报送。', '05d-unit-head'],
  ]) {
    await login(page, baseURL, username);
    await page.getByTestId('menu-todo').click();
    const row = page.locator(`[data-testid="todo-row"][data-case-id="${caseId}"]`);
    await row.waitFor();
    await row.getByTestId('todo-link').click();
    await detail.waitFor();
    await page.getByTestId('review-chain-your-turn').waitFor();
    await takeStep(page, shot, 'pass_review', async () => {
      assert.equal(await page.getByTestId('checklist-all-pass').count(), 0, 'only the legal-review level fills in the checklist');
      await page.getByTestId('field-opinion').fill(opinion);
    }, { snap });
    assert.equal(await detail.getAttribute('data-status'), 'under_review');
    await logout(page);
  }

  await login(page, baseURL, 'reviewer');
  // 我的待办 lists the case as the reviewer's.
  await page.getByTestId('menu-todo').click();
  await page.locator(`[data-testid="todo-row"][data-case-id="${caseId}"]`).waitFor();
  await page.getByTestId('menu-review').click();
  const reviewRow = page.locator(`[data-testid="review-row"][data-case-id="${caseId}"]`);
  await reviewRow.waitFor();
  await shot('06-review-workspace');
  await reviewRow.getByTestId('case-link').click();
  await detail.waitFor();
  assert.equal(await detail.getAttribute('data-status'), 'under_review');
  await takeStep(
    page,
    shot,
    'pass_review',
    async () => {
      await page.getByTestId('checklist-all-pass').click();
      await page.getByTestId('field-opinion').fill(
        `经审核，本案事实清楚，证据确凿，适用依据正确，程序合法，拟处罚款${fineText}元在所选裁量阶次（${tier.circumstance}）的幅度内，同意作出行政处罚。`,
      );
    },
    { snap: '07-review-form' },
  );
  // The legal division has signed; the leader's level (major case) is next.
  assert.equal(await detail.getAttribute('data-status'), 'under_review');
  assert.equal(await page.getByTestId('review-level-legal_division').getAttribute('data-state'), 'signed');
  await page.getByTestId('case-review-opinion').waitFor();
  await logout(page);

  // ---- 4b. the bureau head signs the leader's level: the review passes -------------------------------------------------
  await login(page, baseURL, 'head');
  await page.goto(`${baseURL}/admin/cases/${caseId}`);
  await detail.waitFor();
  await takeStep(page, shot, 'pass_review', async () => {
    await page.getByTestId('field-opinion').fill('同意。');
  }, { snap: '07b-leader-review' });
  assert.equal(await detail.getAttribute('data-status'), 'reviewed');
  assert.equal(await page.getByTestId('review-level-leader').getAttribute('data-state'), 'signed');
  await page.getByTestId('doc-row-legal_review_opinion').waitFor();
  await shot('08-reviewed');
  // The head's 审核层级设置: the bureau's chain (four levels) and who holds which review position.
  await page.getByTestId('menu-reviewChain').click();
  await page.getByTestId('review-chain-page').waitFor();
  assert.equal(await page.getByTestId('review-chain-code').getAttribute('data-code'), 'qinhuangdao-4');
  await page.getByTestId('chain-level-leader').waitFor();
  await page.locator('[data-testid="position-row"]').first().waitFor();
  await shot('08b-review-chain-settings', { fullPage: true });
  await logout(page);

  // ---- 5. the officer serves the notice; the decision waits for the statement window --------------------------------
  await login(page, baseURL, 'officer');
  await page.getByTestId('menu-todo').click();
  const todoRow = page.locator(`[data-testid="todo-row"][data-case-id="${caseId}"]`);
  await todoRow.waitFor();
  await todoRow.getByTestId('todo-link').click();
  await detail.waitFor();
  assert.equal(await detail.getAttribute('data-status'), 'reviewed');
  // Reviewed, but no notice yet: deciding is refused (行政处罚法 Art.44).
  {
    const pop = await refusalPopover(page, 'decide');
    assert.match(await pop.innerText(), /告知书/);
    assert.match(await pop.getByTestId('refusal-citation').first().innerText(), /行政处罚法 Art\.44/);
    await shot('09-decide-refused-no-notice');
    await closePopover(page);
  }
  await takeStep(page, shot, 'serve_notice', null, { snap: '10-serve-notice-form' });
  assert.equal(await detail.getAttribute('data-status'), 'notice_served');
  await page.getByTestId('doc-row-penalty_notice').waitFor();
  const served = await json(await page.request.get(api(`/cases/${caseId}`)), 'GET the case');
  const statementWindow = served.deadlines.find((d) => d.key === 'statementWindow');
  assert.ok(statementWindow, 'the statement window runs');
  await page.getByTestId('deadline-statementWindow').waitFor();
  {
    const pop = await refusalPopover(page, 'decide');
    const text = await pop.innerText();
    assert.match(text, /陈述、申辩期限至\d{4}-\d{2}-\d{2}届满/, 'the refusal says until when the party may state their case');
    assert.ok(text.includes(statementWindow.dueOn), 'the refusal names the window end');
    const citation = pop.getByTestId('refusal-citation').first();
    assert.ok(await citation.isVisible(), 'the citation is visible');
    assert.match(await citation.innerText(), /依据：行政处罚法 Art\.44/);
    await shot('11-decide-refused-art44');
    await closePopover(page);
  }
  // The server refuses it too, with the same citation.
  const tooEarly = await page.request.post(api(`/cases/${caseId}/actions/decide`), { data: { payload: { decisionKind: 'penalty' }, version: await caseVersion(page) } });
  assert.equal(tooEarly.status(), 422);
  const tooEarlyError = (await tooEarly.json()).error;
  assert.equal(tooEarlyError.code, 'RULE_VIOLATION');
  assert.match(tooEarlyError.details.citation, /行政处罚法 Art\.44/);

  // The window passes: move the server clock past its last day (at least 10 days).
  const advanceDays = Math.max(10, daysBetween(served.today, statementWindow.dueOn) + 1);
  const moved = await json(await page.request.post(api('/test/clock'), { data: { advanceDays } }), 'POST /test/clock');
  assert.ok(ymd(Date.parse(moved.now)) > statementWindow.dueOn, 'the server date is past the statement window');
  // The session idled out meanwhile (30 minutes of server time): the agency head logs in and decides.
  await login(page, baseURL, 'head');
  {
    // Said plainly if the window's end falls in a year whose holiday notice is not entered (CALENDAR_MISSING).
    const now = await json(await page.request.get(api(`/cases/${caseId}`)), 'GET the case');
    const still = now.refusedActions.find((r) => r.action === 'decide');
    assert.ok(!still, `after the window the decision is open, but: ${JSON.stringify(still?.refusals.map((r) => `${r.code} ${r.messageZh}`))}`);
  }
  await page.getByTestId('menu-cases').click();
  const caseRow = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
  await caseRow.waitFor();
  await caseRow.getByTestId('case-link').click();
  await detail.waitFor();
  assert.equal(await detail.getAttribute('data-status'), 'notice_served');
  await takeStep(
    page,
    shot,
    'decide',
    async () => {
      assert.equal(await page.getByTestId('field-decisionKind').locator('input[value="penalty"]').isChecked(), true, 'a penalty decision');
      assert.ok((await page.getByTestId('field-penaltyBasis').inputValue()).length > 0, 'the penalty basis is pre-filled');
    },
    { snap: '12-decide-form' },
  );
  assert.equal(await detail.getAttribute('data-status'), 'decided');
  const decisionRow = page.getByTestId('doc-row-penalty_decision');
  await decisionRow.waitFor();
  const decisionNo = (await decisionRow.innerText()).match(DECISION_NO)?.[0];
  assert.ok(decisionNo, `the decision row shows its number: ${await decisionRow.innerText()}`);
  const decisionId = await decisionRow.getAttribute('data-doc-id');

  // The PDF behind the row's PDF button.
  const decisionPdf = await page.request.get(api(`/cases/${caseId}/documents/${decisionId}/pdf`));
  assert.equal(decisionPdf.status(), 200);
  const decisionBuf = await decisionPdf.body();
  assert.equal(decisionBuf.subarray(0, 4).toString('latin1'), '%PDF', 'the decision is a PDF');
  const decisionText = compact(pdfText(decisionBuf, keep('decision.pdf')).text);
  assert.ok(decisionText.includes('行政处罚决定书'), 'the PDF is a 行政处罚决定书');
  assert.ok(decisionText.includes(decisionNo), `the PDF carries the number ${decisionNo}`);
  assert.ok(decisionText.includes(party.name), 'the PDF names the party');
  // The button itself downloads the same file.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('doc-pdf-penalty_decision').click()]);
  const downloaded = fs.readFileSync(await download.path());
  assert.equal(downloaded.subarray(0, 4).toString('latin1'), '%PDF');
  assert.ok(download.suggestedFilename().includes(decisionNo), `the download is named after the number: ${download.suggestedFilename()}`);

  // The preview drawer shows it in the page.
  await page.getByTestId('doc-preview-penalty_decision').click();
  const frame = page.getByTestId('doc-preview-frame');
  await frame.waitFor({ timeout: 30_000 });
  assert.match(await frame.getAttribute('src'), /^blob:/);
  await page.waitForTimeout(1500); // let the PDF viewer paint the first page for the screenshot
  await shot('13-decision-preview');
  await page.locator('.ant-drawer-close').last().click();
  await frame.waitFor({ state: 'detached' });
  await shot('14-decided', { fullPage: true });
  await logout(page);

  // ---- 6. the officer serves the decision, records the payment and closes the case ----------------------------------
  await login(page, baseURL, 'officer');
  await openCase(page, baseURL, caseId);
  await takeStep(page, shot, 'serve_decision');
  assert.equal(await detail.getAttribute('data-status'), 'executing');
  await takeStep(
    page,
    shot,
    'record_payment',
    async () => {
      await page.getByTestId('field-paymentAmount').fill(String(fine));
      await page.getByTestId('field-paymentReference').fill('非税收入缴款书 1303020000123456');
    },
    { snap: '15-payment-form' },
  );
  assert.equal(await detail.getAttribute('data-status'), 'executed');
  await takeStep(page, shot, 'close', async () => {
    await page.getByTestId('field-reason').fill('当事人已按期全额缴纳罚款，行政处罚决定执行完毕，拟结案。');
  });
  assert.equal(await detail.getAttribute('data-status'), 'closed');
  await page.getByTestId('doc-row-closing_approval').waitFor();
  const closed = await json(await page.request.get(api(`/cases/${caseId}`)), 'GET the case');
  assert.equal(closed.status, 'closed');
  assert.equal(closed.content.payments?.[0]?.amount, fine, 'the payment is the fine');
  assert.ok((await page.getByTestId('timeline-event').count()) >= 11, 'the timeline lists every step');
  await shot('16-closed', { fullPage: true });

  // The 案卷 as one PDF, from the page's button.
  const [caseFile] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('case-file-download').click()]);
  const caseFileBuf = fs.readFileSync(await caseFile.path());
  assert.equal(caseFileBuf.subarray(0, 4).toString('latin1'), '%PDF', 'the case file is a PDF');
  const { file: caseFilePath, text: caseFileRaw } = pdfText(caseFileBuf, keep('case-file.pdf'));
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [caseFilePath], { encoding: 'utf8' }))?.[1]);
  assert.ok(pages >= 5, `the case file has several pages (${pages})`);
  const caseFileText = compact(caseFileRaw);
  for (const s of ['卷内目录', '结案审批表', '行政处罚决定书', decisionNo]) assert.ok(caseFileText.includes(s), `the case file contains ${s}`);
  // The same file the API serves.
  const viaApi = await page.request.get(api(`/cases/${caseId}/case-file.pdf`));
  assert.equal(viaApi.status(), 200);
  assert.equal((await viaApi.body()).subarray(0, 4).toString('latin1'), '%PDF');

  console.log(`     ${item.code} · fine ${fineText} yuan (tier ${tier.level}, major from ${item.majorCriteria.fineAtLeast}) · ${caseNo} · ${decisionNo} · case file ${pages} pages`);

  // ---- 7. no uncaught errors in the pages ------------------------------------------------------------------------
  assert.deepEqual(pageErrors, [], 'no uncaught page errors');
}
