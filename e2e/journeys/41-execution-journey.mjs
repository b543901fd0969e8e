// Issue #3, execution and the on-the-spot procedure: a decided case is served through the party page (the party's
// written consent recorded, link and code issued, the party opens it without login — that day is the service date);
// the fine goes unpaid, the surcharge shows on the case page; a part payment is recorded through the form. Then an
// officer on a phone decides on the spot: a fine above the cap is refused with 行政处罚法 Art.51, one within it is
// numbered from the agency's 当罚 series with its 7-working-day filing deadline.
// Clock: moves the server's clock 20 days forward so the fine falls overdue (see e2e/run.mjs).
import assert from 'node:assert/strict';
import { login, DEMO_PASSWORD } from '../lib/session.mjs';
import { attachRecordingApi } from '../lib/recording.mjs';

export const name = '执行与当场处罚：电子送达、加处罚款、部分缴款、简易程序 (execution, electronic service and on-the-spot penalties)';
export const timeout = 300_000;

const DAY = 86_400_000;
const ymd = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** GB 11643 check digit (journeys are plain node). */
function withIdCheckDigit(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** An API session of a demo user, apart from the browser's. */
async function session(baseURL, username) {
  const res = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  assert.equal(res.status, 200, `${username} logs in`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const me = (await res.json()).user;
  const call = async (method, p, body) => {
    const r = await fetch(`${baseURL}/api/v1${p}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${p}: HTTP ${r.status} ${text.slice(0, 400)}`);
    return text ? JSON.parse(text) : null;
  };
  return { me, call, cookie };
}

export default async function executionJourney({ browser, page, baseURL, screenshot }) {
  const officer = await session(baseURL, 'officer');
  const reviewer = await session(baseURL, 'reviewer');
  const head = await session(baseURL, 'head');
  const scope = (await officer.call('GET', '/auth/me')).scope;
  const clock0 = await officer.call('POST', '/test/clock', { advanceDays: 0 });
  const today = ymd(Date.parse(clock0.now));

  // A penalty item of the agency that is not major at 500 yuan, and a certified colleague of the officer.
  const items = await officer.call('GET', `/items?category=penalty&subjectId=${scope.agencyId}&pageSize=200`);
  const item = items.items.filter((i) => !i.withdrawnAt && i.published && !(i.majorCriteria && (i.majorCriteria.fineAtLeast ?? 0) <= 500)).sort((a, b) => a.code.localeCompare(b.code))[0];
  assert.ok(item, 'a non-major penalty item');
  const staff = await officer.call('GET', `/officers?agencyId=${scope.agencyId}&pageSize=200`);
  const colleague = staff.items
    .filter((o) => o.id !== officer.me.officerId && o.id !== reviewer.me.officerId && o.onDuty && !o.isLegalReviewer && o.personnelType !== 'auxiliary' && o.certificateSummary?.status === 'active' && o.certificateSummary.areaCode === scope.regionCode && (o.certificateSummary.categories.includes(item.sector) || o.certificateSummary.categories.includes('comprehensive')))
    .sort((a, b) => a.certificateSummary.number.localeCompare(b.certificateSummary.number))[0];
  assert.ok(colleague, 'a certified colleague');

  // ---- a case decided through the API (the ordinary procedure has its own journey, 40) -------------------------------
  let c = await officer.call('POST', '/cases', {
    itemId: item.id,
    placeRegionCode: '130302',
    party: { type: 'individual', name: '李执行', idNumber: withIdCheckDigit('13030219800101123'), address: '河北省秦皇岛市海港区文化路88号' },
    officerIds: [officer.me.officerId, colleague.id],
    violationOn: ymd(Date.parse(today) - 30 * DAY),
    discoveredOn: ymd(Date.parse(today) - 10 * DAY),
  });
  const act = async (who, action, payload = {}) => (c = await who.call('POST', `/cases/${c.id}/actions/${action}`, { payload, version: c.version }));
  await act(officer, 'file');
  await act(officer, 'start_investigation');
  // The item may require the investigation on audio-video (REC3): the body-worn camera's recording is uploaded first.
  await attachRecordingApi(baseURL, officer.cookie, c.id, 'investigation', { now: Date.parse(clock0.now) });
  await act(officer, 'end_investigation', { proposed: { types: ['fine'], fineAmount: 500 }, findings: '当事人违法事实清楚。', evidenceSummary: ['现场检查笔录'], legalBasis: '见执法事项所列条款', justification: '首次违法，情节较轻，按较低数额罚款。' });
  await act(officer, 'submit_review', { reviewerId: reviewer.me.officerId });
  // The reviewer reads the machine pre-review, then passes every checklist point (the 11 points of REVIEW_CHECKLIST).
  assert.ok((await reviewer.call('GET', `/cases/${c.id}/pre-review`)).items.length > 0);
  const checklist = ['subject_and_officers', 'jurisdiction', 'party_information', 'facts_and_evidence', 'characterization', 'legal_basis', 'procedure', 'discretion', 'within_powers', 'documents', 'crime_transfer'];
  // The bureau reviews in levels (四级审核, seeded): each level is signed in order by a holder of its position; the legal
  // reviewer signs the legal-review level with the checklist.
  const signers = { unit_legal_officer: await session(baseURL, 'unit_legal'), unit_head: await session(baseURL, 'unit_head'), leader: head };
  // Inside the round: the first level asks for a material without returning the case (the review clock pauses,
  // 内蒙古办法 Art.29, 31); the handlers supply it; the head extends the time limit once (SAMR Art.55).
  const firstLevel = c.reviewChain.levels[c.reviewChain.currentIndex];
  const asker = firstLevel.isLegalReview ? reviewer : signers[firstLevel.key];
  await act(asker, 'request_review_materials', { reason: '补充当事人身份证明复印件' });
  assert.equal(c.status, 'under_review');
  assert.equal(c.reviewChain.deadline.state, 'paused', 'the review time limit is paused while materials are awaited');
  await act(officer, 'supply_review_materials', { reason: '已补充当事人身份证明复印件' });
  const due = c.reviewChain.deadline.dueOn;
  await act(head, 'extend_review', { reason: '案情需进一步核实' });
  assert.ok(c.reviewChain.extension && c.reviewChain.deadline.dueOn > due, 'the extension lengthens the time limit');
  while (c.status === 'under_review') {
    const level = c.reviewChain.levels[c.reviewChain.currentIndex];
    if (level.isLegalReview) await act(reviewer, 'pass_review', { checklist: checklist.map((key) => ({ key, result: 'pass' })), opinion: '同意。' });
    else await act(signers[level.key], 'pass_review', { opinion: '同意。' });
  }
  assert.equal(c.status, 'reviewed');
  await act(officer, 'serve_notice', { serviceMethod: 'direct', statementWaiverSigned: true });
  await act(head, 'decide', { penaltyBasis: '见执法事项所列条款' });
  assert.equal(c.status, 'decided');

  // ---- electronic service: consent, link + code, the party page --------------------------------------------------------
  await login(page, baseURL, 'officer');
  await page.goto(`${baseURL}/admin/cases/${c.id}`);
  await page.getByTestId('case-e-service').waitFor({ timeout: 30_000 });
  await page.getByTestId('e-service-ref').fill('电子送达确认书（2026）第1号');
  await page.getByTestId('e-service-consent-submit').click();
  await page.getByTestId('e-service-consent').waitFor({ timeout: 30_000 });
  await page.getByTestId('e-service-issue').click();
  await page.getByTestId('e-service-issued').waitFor({ timeout: 30_000 });
  const link = (await page.getByTestId('e-service-link').innerText()).trim();
  const code = (await page.getByTestId('e-service-code').innerText()).trim();
  assert.match(link, /\/service\/[A-Za-z0-9_-]{43}$/);
  assert.match(code, /^[A-Z2-9]{8}$/);
  await screenshot(page, '01-e-service-issued');
  await page.keyboard.press('Escape');

  const party = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const pp = await party.newPage();
  await pp.goto(link);
  await pp.getByTestId('service-code').fill('WRONG999');
  await pp.getByTestId('service-open').click();
  await pp.getByTestId('service-error').waitFor({ timeout: 30_000 });
  assert.equal(await pp.getByTestId('service-documents').count(), 0, 'nothing is shown without the right code');
  await pp.getByTestId('service-code').fill(code);
  await pp.getByTestId('service-open').click();
  await pp.getByTestId('service-documents').waitFor({ timeout: 30_000 });
  const pageText = await pp.getByTestId('service-documents').innerText();
  assert.ok(pageText.includes('行政处罚决定书') && pageText.includes(today), 'the decision, served today');
  assert.ok(!pageText.includes('李执行'), 'no personal data on the party page');
  await screenshot(pp, '02-party-page');
  await party.close();

  // The officer records the service by the electronic method: its date is the day the party opened it.
  c = await officer.call('GET', `/cases/${c.id}`);
  await act(officer, 'serve_decision', { serviceMethod: 'electronic' });
  assert.equal(c.status, 'executing');
  assert.equal(c.facts.decisionServedOn, today);

  // ---- unpaid: 20 days later the surcharge shows; a part payment through the form ------------------------------------
  await officer.call('POST', '/test/clock', { advanceDays: 20 });
  // Sessions idle out after 30 minutes of (server) time: log in again.
  const later = await session(baseURL, 'officer');
  await login(page, baseURL, 'officer');
  await page.goto(`${baseURL}/admin/cases/${c.id}`);
  const card = page.getByTestId('case-execution');
  await card.waitFor({ timeout: 30_000 });
  const account = (await later.call('GET', `/cases/${c.id}`)).execution;
  assert.ok(account.surcharge > 0 && account.lateDays > 0, 'late: surcharge accrues');
  assert.equal(account.surcharge, Math.min(500, Math.floor(500 * 3 * account.lateDays) / 100), '3% of the fine a day');
  await page.getByTestId('action-record_part_payment').click();
  await page.getByTestId('action-form-record_part_payment').waitFor();
  await page.getByTestId('field-paymentAmount').fill('200');
  await page.getByTestId('field-paymentReference').fill('BANK-E2E-1');
  await page.getByTestId('action-submit').click();
  await page.getByTestId('action-form-record_part_payment').waitFor({ state: 'detached', timeout: 30_000 });
  const after = (await later.call('GET', `/cases/${c.id}`)).execution;
  assert.equal(after.paid, 200);
  assert.equal(after.balance, Math.round((500 + after.surcharge - 200) * 100) / 100);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, '03-execution-card', { fullPage: true });

  // ---- on the spot, on a phone ------------------------------------------------------------------------------------------
  const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const mp = await phone.newPage();
  await login(mp, baseURL, 'officer');
  await mp.goto(`${baseURL}/admin/cases/simplified/new`);
  await mp.getByTestId('simplified-form').waitFor({ timeout: 30_000 });
  await pickOption(mp, 'case-item', item.code, item.code);
  await mp.getByTestId('simplified-party-name').fill('张当场');
  await mp.getByTestId('simplified-party-idNumber').fill(withIdCheckDigit('13030219900202223'));
  await mp.getByTestId('simplified-findings').fill('当事人在人行道上占道经营，经当场检查属实。');
  await mp.getByTestId('simplified-legalBasis').fill('见执法事项所列条款');
  await mp.getByTestId('simplified-statement').fill('当事人对事实无异议。');
  await mp.getByTestId('simplified-fine').fill('300');
  await mp.getByTestId('simplified-confirm-facts').check();
  await mp.getByTestId('simplified-confirm-basis').check();
  await mp.getByTestId('simplified-submit').click();
  const refused = mp.getByTestId('simplified-error');
  await refused.waitFor({ timeout: 30_000 });
  assert.match(await refused.innerText(), /简易程序/, 'above the cap: refused with the rule');
  await screenshot(mp, '04-on-the-spot-refused', { fullPage: true });
  await mp.getByTestId('simplified-fine').fill('200');
  await mp.getByTestId('simplified-submit').click();
  await mp.waitForURL(/\/admin\/cases\/simplified\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await mp.getByTestId('simplified-detail').waitFor({ timeout: 30_000 });
  assert.match(await mp.getByTestId('simplified-no').innerText(), /当罚〔\d{4}〕\d+号/);
  assert.equal(await mp.getByTestId('simplified-filing').getAttribute('data-state'), 'running', 'the 7-working-day filing deadline runs');
  await mp.getByTestId('simplified-action-serve').click();
  await mp.locator('[data-testid="simplified-detail"][data-status="served"]').waitFor({ timeout: 30_000 });
  await screenshot(mp, '05-on-the-spot-decided', { fullPage: true });
  await phone.close();
}

/** Opens an antd Select by its data-testid, types a search, clicks the option matching `text` (as in 40-case-journey). */
async function pickOption(page, testId, text, search) {
  const select = page.getByTestId(testId);
  const input = select.locator('input[role="combobox"]');
  const listId = `${await input.getAttribute('id')}_list`;
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
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${testId}: choosing ${text} did not take`, { cause: e });
    }
  }
}
