// Issue #3, inspections and coercive measures: the officer plans an inspection through the form, the head approves
// it, the officer notifies the target, goes on site with a colleague and records on a phone-sized screen that problems
// were found calling for a penalty case; closing is refused with its citation until the case is opened, which the
// officer does from the inspection page (the case opens through the case service and links back). Then a seizure is
// proposed with its inventory, approved by the head, and carrying it out at night is refused (行政强制法 Art.43) until
// the emergency is recorded.
// Clock: moves the server's clock forward to 23:00 Beijing time unless it is night already (see e2e/run.mjs).
import assert from 'node:assert/strict';
import { attachRecordingInPanel } from '../lib/recording.mjs';
import { login } from '../lib/session.mjs';

export const name = '行政检查发现问题立案并关联；夜间扣押未记录紧急情况被拒 (inspection → linked penalty case; seizure refused at night)';
export const timeout = 300_000;

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 32100-2015 check character (packages/domain/src/validation/uscc.ts, re-done here: journeys are plain node). */
function withUsccCheckChar(first17) {
  const sum = [...first17].reduce((s, ch, i) => s + USCC_CHARSET.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return first17 + USCC_CHARSET[(31 - (sum % 31)) % 31];
}

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

/** Opens an antd Select by data-testid, optionally searches, and clicks the option matching `text` (retried). */
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
      if ((await input.getAttribute('aria-expanded')) === 'true') await input.press('Escape');
      await page.waitForFunction((id) => document.getElementById(id)?.getAttribute('aria-expanded') !== 'true', await input.getAttribute('id'));
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${testId}: choosing ${text} did not take`, { cause: e });
    }
  }
}

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
    .catch(() => {});
}

/** A separate API session (not the browser's), e.g. the agency head approving. */
async function apiSession(api, username, password) {
  const res = await fetch(api('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  assert.equal(res.status, 200, `${username} logs in`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return async (method, path, body) => {
    const r = await fetch(api(path), { method, headers: { cookie, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path}: HTTP ${r.status} ${text.slice(0, 400)}`);
    return JSON.parse(text);
  };
}

/**
 * One step from a detail page (`detail` = its data-testid): opens the step's drawer, fills it, submits, and waits for
 * the version to move on — or returns the refusal shown, when `expectRefusal`.
 */
async function takeStep(page, detail, action, fill, { expectRefusal = false, shot } = {}) {
  const version = async () => Number(await page.getByTestId(detail).getAttribute('data-version'));
  const before = await version();
  const form = page.getByTestId(`form-${action}`);
  if (!(await form.isVisible())) {
    await page.getByTestId(`action-${action}`).click();
    await form.waitFor({ timeout: 30_000 });
  }
  if (fill) await fill(form);
  if (shot) await shot();
  await form.getByTestId('step-submit').click();
  const outcome = await page.waitForFunction(
    ([id, v]) => {
      const d = document.querySelector(`[data-testid="${id}"]`);
      if (d && Number(d.getAttribute('data-version')) > v) return { done: true };
      const err = document.querySelector('.ant-drawer-open [data-testid="action-error"]');
      if (err) return { done: false, text: err.textContent, citation: err.querySelector('[data-testid="action-error-citation"]')?.textContent ?? '' };
      const invalid = [...document.querySelectorAll('.ant-drawer-open .ant-form-item-explain-error')].map((e) => e.textContent).filter(Boolean);
      if (invalid.length) return { done: false, text: `form errors: ${invalid.join('; ')}` };
      return false;
    },
    [detail, before],
    { timeout: 60_000 },
  );
  const result = await outcome.jsonValue();
  if (expectRefusal) {
    assert.equal(result.done, false, `${action} is refused`);
    return result;
  }
  assert.equal(result.done, true, `${action}: ${result.text}`);
  await form.waitFor({ state: 'detached', timeout: 30_000 });
  return result;
}

export default async function inspectionCoercionJourney({ page, context, baseURL, screenshot }) {
  const pageErrors = [];
  context.on('weberror', (e) => pageErrors.push(e.error().message));
  const api = (p) => `${baseURL}/api/v1${p}`;
  const shot = async (n, opts = {}) => {
    if (opts.fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    return screenshot(page, n, opts);
  };
  const head = await apiSession(api, 'head', 'Zhifa@2026demo');

  // ---- 1. the officer plans an inspection through the form ---------------------------------------------------------
  await login(page, baseURL, 'officer');
  const me = await json(await page.request.get(api('/auth/me')), 'GET /auth/me');
  const staff = await json(await page.request.get(api(`/officers?agencyId=${me.scope.agencyId}&pageSize=200`)), 'GET /officers');
  const colleague = staff.items
    .filter((o) => o.id !== me.user.officerId && o.onDuty && !o.isLegalReviewer && o.personnelType !== 'auxiliary' && o.certificateSummary?.status === 'active' && o.certificateSummary.categories.includes('market') && o.certificateSummary.areaCode === me.scope.regionCode)
    .sort((a, b) => a.certificateSummary.number.localeCompare(b.certificateSummary.number))[0];
  assert.ok(colleague, 'a certified colleague of the market bureau');
  const uscc = withUsccCheckChar('91130302MA0E2E046');

  await page.goto(`${baseURL}/admin/inspections`);
  await page.getByTestId('inspections-page').waitFor();
  await page.getByTestId('inspection-create').click();
  await page.getByTestId('inspection-form').waitFor();
  await pickOption(page, 'inspection-item', '对食品销售者的监督检查', '食品销售者的监督检查');
  await pickOption(page, 'inspection-officers', colleague.name, colleague.name);
  await page.getByTestId('target-name').fill('秦皇岛市海港区e2e检查食品店');
  await page.getByTestId('target-uscc').fill(uscc);
  await page.getByTestId('inspection-purpose').fill('日常监督检查：食品经营过程控制');
  await shot('46-01-inspection-form', { fullPage: true });
  await page.getByTestId('inspection-submit').click();
  await page.getByTestId('inspection-detail').waitFor({ timeout: 30_000 });
  const inspectionId = page.url().split('/').pop();
  assert.equal(await page.getByTestId('inspection-detail').getAttribute('data-status'), 'planned');
  // The officer cannot approve: the head's approval is required (国办发〔2024〕54号) — the server says so.
  const refusedApprove = await takeStep(page, 'inspection-detail', 'approve', null, { expectRefusal: true });
  assert.match(refusedApprove.citation, /国办发〔2024〕54号/);
  await page.keyboard.press('Escape');

  // ---- 2. the head approves (API session); the officer notifies, goes on site and records on a phone ---------------
  let insp = await head('GET', `/inspections/${inspectionId}`);
  insp = await head('POST', `/inspections/${inspectionId}/actions/approve`, { payload: {}, version: insp.version });
  assert.equal(insp.status, 'approved');
  await page.reload();
  await page.getByTestId('inspection-detail').waitFor();
  await takeStep(page, 'inspection-detail', 'send_notice');
  await takeStep(page, 'inspection-detail', 'start_on_site', async (form) => form.getByTestId('field-place').fill('海港区文化路1号经营场所'));
  // REC3: the on-site check is filmed; where the item requires it, the result waits for the recording.
  await attachRecordingInPanel(page, { stageZh: '现场检查', place: '海港区文化路1号经营场所', proves: '现场检查全过程' });
  await page.setViewportSize({ width: 390, height: 844 });
  await takeStep(
    page,
    'inspection-detail',
    'record_result',
    async (form) => {
      await form.getByTestId('field-outcome').getByText('发现问题', { exact: true }).click();
      await form.getByTestId('field-findings').fill('冷藏柜内存放超过保质期的乳制品20箱');
      await form.getByTestId('field-followups').getByText('立案查处').click();
    },
    { shot: () => shot('46-02-on-site-record-phone') },
  );
  await page.setViewportSize({ width: 1440, height: 900 });
  assert.equal(await page.getByTestId('inspection-detail').getAttribute('data-status'), 'result_recorded');
  // Closing waits for the penalty case (行政处罚法 Art.54): the button says why.
  assert.equal(await page.getByTestId('action-close').getAttribute('data-refused'), 'true');
  // Hovered again if the popover missed the first hover (the page re-lays out after the phone-sized viewport).
  const popover = page.locator('.ant-popover:visible').filter({ has: page.getByTestId('refusal-citation') });
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('action-refused-close').hover();
    try {
      await popover.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.mouse.move(5, 890);
    }
  }
  assert.match(await popover.textContent(), /行政处罚法 Art\.28, Art\.54/);
  await shot('46-03-close-refused');
  await page.mouse.move(5, 890);

  // ---- 3. the penalty case is opened from the inspection and linked both ways --------------------------------------
  await page.getByTestId('action-open-case').click();
  await page.getByTestId('form-open-case').waitFor();
  await pickOption(page, 'open-case-item', '食品', '食品');
  await page.getByTestId('open-case-submit').click();
  const link = page.getByTestId('inspection-linked-case');
  await link.waitFor({ timeout: 30_000 });
  await shot('46-04-inspection-linked', { fullPage: true });
  insp = await json(await page.request.get(api(`/inspections/${inspectionId}`)), 'GET inspection');
  assert.ok(insp.linkedCase, 'the inspection carries its case');
  const linkedCase = await json(await page.request.get(api(`/cases/${insp.linkedCase.id}`)), 'GET the linked case');
  assert.deepEqual(linkedCase.content.origin, { kind: 'inspection', id: inspectionId });
  assert.equal(linkedCase.party.name, '秦皇岛市海港区e2e检查食品店');
  await takeStep(page, 'inspection-detail', 'close');
  assert.equal(await page.getByTestId('inspection-detail').getAttribute('data-status'), 'closed');
  await link.click();
  await page.getByTestId('case-detail').waitFor({ timeout: 30_000 });

  // ---- 4. a seizure: proposed with its inventory, approved, refused at night without a recorded emergency ----------
  await page.goto(`${baseURL}/admin/coercive-measures/new`);
  await page.getByTestId('coercion-form').waitFor();
  await pickOption(page, 'coercion-item', '查封、扣押不符合食品安全标准', '查封、扣押不符合食品安全标准');
  await pickOption(page, 'coercion-officers', colleague.name, colleague.name);
  await page.getByTestId('coercion-reasons').fill('涉嫌经营超过保质期的食品，为防止继续销售');
  await page.getByTestId('coercion-basis').fill('《中华人民共和国食品安全法》第一百一十条第四项');
  await page.getByTestId('party-name').fill('秦皇岛市海港区e2e检查食品店');
  await page.getByTestId('party-uscc').fill(uscc);
  await page.getByTestId('inventory-0-description').fill('超过保质期的乳制品（250ml×24）');
  await page.getByTestId('inventory-0-quantity').fill('20');
  await page.getByTestId('inventory-0-unit').fill('箱');
  await page.getByTestId('coercion-submit').click();
  await page.getByTestId('coercion-detail').waitFor({ timeout: 30_000 });
  const measureId = page.url().split('/').pop();
  let m = await head('GET', `/coercive-measures/${measureId}`);
  m = await head('POST', `/coercive-measures/${measureId}/actions/approve`, { payload: { reason: '同意扣押。' }, version: m.version });
  assert.equal(m.status, 'approved');

  // Night in China (22:00–06:00): move the server's clock forward to 23:00 unless it is night already.
  const clock = await json(await page.request.post(api('/test/clock'), { data: { advanceDays: 0 } }), 'read the server clock');
  const china = new Date(Date.parse(clock.now) + 8 * 3600_000);
  const hour = china.getUTCHours() + china.getUTCMinutes() / 60;
  if (hour >= 6 && hour < 22) await json(await page.request.post(api('/test/clock'), { data: { advanceHours: 23 - hour } }), 'move the clock to 23:00');
  await login(page, baseURL, 'officer'); // the session idled out with the clock move
  await page.goto(`${baseURL}/admin/coercive-measures/${measureId}`);
  await page.getByTestId('coercion-detail').waitFor();
  // REC3: a seizure is filmed in full; it is not recorded as executed without the video (the item requires it).
  const refusedForVideo = await takeStep(page, 'coercion-detail', 'execute', async (form) => form.getByTestId('field-urgencyReason').fill('当事人正在连夜将涉案食品装车转移'), { expectRefusal: true });
  assert.match(refusedForVideo.citation, /REC3/);
  await shot('46-05a-seizure-needs-recording');
  await page.keyboard.press('Escape');
  await attachRecordingInPanel(page, { stageZh: '查封扣押', place: '当事人经营场所仓库', proves: '扣押财物、清点、制作清单全过程' });
  const night = await takeStep(page, 'coercion-detail', 'execute', null, { expectRefusal: true });
  assert.match(night.citation, /行政强制法 Art\.43/);
  assert.match(night.text, /夜间|法定节假日/);
  await shot('46-05-seizure-refused-at-night');
  await takeStep(page, 'coercion-detail', 'execute', async (form) => form.getByTestId('field-urgencyReason').fill('当事人正在连夜将涉案食品装车转移'));
  assert.equal(await page.getByTestId('coercion-detail').getAttribute('data-status'), 'in_force');
  await page.getByTestId('inventory-table').waitFor();
  await page.getByTestId('deadline-measurePeriod').waitFor();
  await shot('46-06-seizure-in-force', { fullPage: true });

  // ---- 5. the lists and the to-do page carry the measures ---------------------------------------------------------
  await page.goto(`${baseURL}/admin/coercive-measures`);
  await page.locator(`[data-testid="coercion-row"][data-id="${measureId}"]`).waitFor({ timeout: 30_000 });
  await shot('46-07-coercion-list');
  await page.goto(`${baseURL}/admin/todo`);
  await page.getByTestId('coercion-todo').waitFor({ timeout: 30_000 });
  await page.getByTestId('coercion-todo').scrollIntoViewIfNeeded();
  await shot('46-08-todo-with-measures');
  await page.goto(`${baseURL}/admin/inspections`);
  await page.locator(`[data-testid="inspection-row"][data-id="${inspectionId}"]`).waitFor({ timeout: 30_000 });
  await shot('46-09-inspection-list');
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
}
