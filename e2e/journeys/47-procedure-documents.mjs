// Issue #3 item 5 for the other procedures: the documents of a licence application are generated from its page. The
// officer registers and accepts an application (API, as 45-licensing-journey does by clicking), opens its page: the
// 受理通知书 can be generated, the 准予行政许可决定书 cannot (its button is disabled and says why, 行政许可法 Art.38); the
// notice is generated with its number, previewed and downloaded; after the grant the decision is generated too.
import assert from 'node:assert/strict';
import { login } from '../lib/session.mjs';

export const name = '许可文书：受理通知书、准予行政许可决定书的生成、预览与下载 (licensing documents from the application page)';
export const timeout = 240_000;

/** GB 32100-2015 check character (as in 45-licensing-journey). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const withUsccCheckChar = (first17) => first17 + USCC_CHARSET[(31 - ([...first17].reduce((s, ch, i) => s + USCC_CHARSET.indexOf(ch) * USCC_WEIGHTS[i], 0) % 31)) % 31];

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}
async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.evaluate(() => document.fonts?.ready);
}

export default async function procedureDocumentsJourney({ page, context, baseURL, screenshot }) {
  const pageErrors = [];
  context.on('weberror', (e) => pageErrors.push(e.error().message));
  const api = (p) => `${baseURL}/api/v1${p}`;
  const shot = async (n, opts = {}) => {
    await settle(page);
    return screenshot(page, n, opts);
  };

  await login(page, baseURL, 'officer');
  const me = await json(await page.request.get(api('/auth/me')), 'GET /auth/me');
  const agencyId = me.scope.agencyId;
  const licensing = await json(await page.request.get(api(`/items?category=licensing&subjectId=${agencyId}&pageSize=200`)), 'GET /items (licensing)');
  const item = licensing.items.filter((i) => !i.withdrawnAt && (i.serviceGuide?.materials?.length ?? 0) > 0).sort((a, b) => a.code.localeCompare(b.code))[0];
  assert.ok(item, 'the agency has a licensing item');
  const staff = await json(await page.request.get(api(`/officers?agencyId=${agencyId}&pageSize=200`)), 'GET /officers');
  const reviewer = staff.items.filter((o) => o.onDuty && !o.isLegalReviewer).sort((a, b) => a.name.localeCompare(b.name))[0];

  let a = await json(
    await page.request.post(api('/licensing/applications'), {
      data: { itemId: item.id, applicant: { type: 'organisation', name: '秦皇岛市海港区文书示例餐饮有限公司', uscc: withUsccCheckChar('91130302MA0E2E047'), address: '秦皇岛市海港区文化路47号' }, submittedMaterials: item.serviceGuide.materials },
    }),
    'register',
  );
  const step = async (action, payload = {}) => {
    a = await json(await page.request.post(api(`/licensing/applications/${a.id}/actions/${action}`), { data: { payload, version: a.version } }), action);
  };
  await step('accept', { sealedReceiptIssued: true });

  await page.goto(`${baseURL}/admin/licensing/${a.id}`);
  await page.getByTestId('licensing-detail').waitFor({ timeout: 30_000 });
  const panel = page.getByTestId('procedure-documents');
  await panel.waitFor({ timeout: 30_000 });
  // The decision is not on the table yet: disabled, with the reason and the article on hover.
  const grantBtn = panel.getByTestId('doc-generate-licence_grant_decision');
  await grantBtn.waitFor({ timeout: 30_000 });
  assert.equal(await grantBtn.isDisabled(), true, 'no 准予行政许可决定书 before the grant');
  await grantBtn.locator('xpath=..').hover();
  const tip = page.locator('.ant-tooltip:visible');
  await tip.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await tip.innerText(), /行政许可法 Art\.38/, 'the reason cites 行政许可法 Art.38');
  await panel.scrollIntoViewIfNeeded();
  await shot('47-procdocs-01-available');
  await page.mouse.move(5, 5);

  await panel.getByTestId('doc-generate-licence_acceptance_notice').click();
  const row = panel.getByTestId('doc-row-licence_acceptance_notice');
  await row.waitFor({ timeout: 30_000 });
  assert.match(await row.innerText(), /许受〔\d{4}〕\d+号/, 'the notice carries its number');
  await row.getByTestId('doc-preview-licence_acceptance_notice').click();
  await page.getByTestId('doc-preview-frame').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
  await shot('47-procdocs-02-preview');
  await page.keyboard.press('Escape');

  const list = await json(await page.request.get(api(`/procedure-documents/licence_application/${a.id}`)), 'GET documents');
  const notice = list.documents.find((d) => d.kind === 'licence_acceptance_notice');
  const pdf = await page.request.get(api(`/procedure-documents/licence_application/${a.id}/${notice.id}/pdf?download=true`));
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

  await step('start_review', { reviewerIds: [reviewer.id] });
  await step('grant', { reason: '申请材料齐全，经营场所符合法定条件。' });
  await page.reload();
  await page.getByTestId('procedure-documents').waitFor({ timeout: 30_000 });
  const enabled = page.getByTestId('doc-generate-licence_grant_decision');
  await enabled.waitFor({ timeout: 30_000 });
  assert.equal(await enabled.isDisabled(), false, 'the decision can be generated once granted');
  await enabled.click();
  const decisionRow = page.getByTestId('doc-row-licence_grant_decision');
  await decisionRow.waitFor({ timeout: 30_000 });
  assert.match(await decisionRow.innerText(), /许准〔\d{4}〕\d+号/, 'the decision carries its number');
  await page.getByTestId('procedure-documents').scrollIntoViewIfNeeded();
  await shot('47-procdocs-03-decision-issued');
  assert.deepEqual(pageErrors, [], 'no page errors');
}
