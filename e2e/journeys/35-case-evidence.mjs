// Issue #8: an officer records a photo on a case page (metadata the law asks for), opens it with a stated reason, and
// the evidence record is checked publicly against the signed tamper-evident log.
import assert from 'node:assert/strict';
import { login } from '../lib/session.mjs';

export const name = '执法人员在案件页登记现场照片并查看、核验 (evidence recorded on a case, opened with a reason, verified in the log)';

// A real 8×8 PNG (red square), so the browser renders the preview.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC',
  'base64',
);

export default async function caseEvidence({ page, context, baseURL, screenshot }) {
  await login(page, baseURL, 'officer');
  // A demo case under investigation (the stage where on-site evidence is taken).
  const cases = await (await page.request.get(`${baseURL}/api/v1/cases?status=investigating&limit=5`)).json();
  const target = (cases.items ?? cases)[0];
  assert.ok(target?.id, 'the demo city has a case under investigation');
  await page.goto(`${baseURL}/admin/cases/${target.id}`);
  const panel = page.getByTestId('case-evidence');
  await panel.waitFor({ timeout: 30_000 });

  // Upload with the required metadata; the case id is the evidence's case reference.
  await page.getByTestId('evidence-add').click();
  const form = page.getByTestId('evidence-form');
  await form.waitFor();
  await form.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
  await form.getByLabel('制作人').fill('李明、王强');
  await form.getByLabel('采集地点').fill('秦皇岛市海港区迎宾路8号');
  await form.getByLabel('采集设备').fill('执法记录仪 DSJ-007');
  await form.getByLabel('采集方法').fill('现场拍照');
  await form.getByLabel('证明对象').fill('当事人货架上摆放过期食品');
  await page.getByTestId('evidence-submit').click();
  await form.waitFor({ state: 'detached', timeout: 30_000 });
  const open = panel.getByTestId('evidence-open').first();
  await open.waitFor({ timeout: 30_000 });
  await screenshot(page, 'evidence-listed');

  // Opening asks for a reason; the server logs it before sending the file, then the preview shows the image.
  await open.click();
  const reason = page.locator('.ant-modal').getByRole('textbox').first();
  await reason.fill('审核证据是否完整');
  await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK|提\s*交/ }).click();
  await page.getByTestId('evidence-preview-image').waitFor({ timeout: 30_000 });
  await page.getByText('查看证据须说明理由').waitFor({ state: 'hidden', timeout: 10_000 });
  await screenshot(page, 'evidence-preview');

  const [ev] = await (await page.request.get(`${baseURL}/api/v1/evidence?caseRef=${target.id}`)).json();
  assert.equal(ev.proves, '当事人货架上摆放过期食品');
  const log = await page.request.get(`${baseURL}/api/v1/evidence/${ev.id}/access-log`);
  const entries = await log.json();
  assert.ok(entries.some((a) => a.action === 'download' && a.reason === '审核证据是否完整'), 'the view is in the access log with its reason');

  // The evidence record has its leaf in the tamper-evident log; once a signed tree head covers it, anyone can check it.
  const href = await panel.getByTestId('evidence-verify').first().getAttribute('href');
  assert.match(href ?? '', /^\/verify\?hash=[0-9a-f]{64}$/);
  await context.clearCookies();
  let included = null;
  for (let i = 0; i < 20 && included !== 'true'; i++) {
    await page.goto(`${baseURL}${href}`);
    await page.getByTestId('verify-checkpoint-signature').waitFor({ timeout: 30_000 });
    await page.getByTestId('verify-submit').click();
    const result = page.getByTestId('verify-result');
    await Promise.race([result.waitFor({ timeout: 15_000 }), page.getByTestId('error-alert').waitFor({ timeout: 15_000 })]);
    included = (await result.count()) ? await result.getAttribute('data-included') : null;
    if (included !== 'true') await page.waitForTimeout(1000);
  }
  assert.equal(included, 'true', 'the evidence record is proven to be in the signed log');
  await screenshot(page, 'evidence-verified');
}
