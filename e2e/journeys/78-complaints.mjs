// Issue #6 item 5 ("complaints"): a 12345-hotline work order (a named report of a violation) is imported by the justice bureau's supervisor (a bad file
// first: nothing imported, the errors name row and column); the market bureau's head assigns it to an officer; the
// officer accepts it (the answer period starts) and answers it; the citizen follows it on the portal with the tracking
// number and code and rates the answer; the supervisor sees the routing, the answer and the satisfaction.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { login, logout } from '../lib/session.mjs';

export const name = '12345热线工单导入 → 分派承办人 → 受理、答复 → 群众门户评价满意度 → 监督人员查看 (a hotline complaint from import to rating)';
export const timeout = 240_000;

async function workbook(page, baseURL, rows) {
  const tpl = await page.request.get(`${baseURL}/api/v1/complaints/import/template`);
  assert.equal(tpl.status(), 200, 'template download');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await tpl.body());
  const ws = wb.worksheets[0];
  const headers = [];
  ws.getRow(1).eachCell((c, i) => (headers[i] = String(c.value).replace('*', '')));
  for (const r of rows) ws.addRow(headers.slice(1).map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default async function complaintsJourney({ page, baseURL, screenshot }) {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await login(page, baseURL, 'supervisor');
  const no = `12345-E2E-${Date.now().toString(36).toUpperCase()}`;
  const row = (over = {}) => ({ 来源渠道: '12345热线', 工单编号: no, 类别: '违法行为举报', 承办机关: '秦皇岛市市场监督管理局', 诉求标题: '超市销售过期食品', 诉求内容: '市民来电举报某超市货架上有过期牛奶和面包，要求查处。', 联系人: '陈晓燕', 联系电话: '13766668888', ...over });

  await page.getByTestId('menu-complaints').click();
  await page.getByTestId('complaints-page').waitFor();
  await page.getByRole('tab', { name: /导入热线/ }).click();
  const input = page.locator('[data-testid="complaint-import"] input[type=file]');

  // 1. A bad row: nothing is imported, the error names the row and the column.
  await input.setInputFiles({ name: 'bad.xlsx', mimeType: XLSX, buffer: await workbook(page, baseURL, [row(), row({ 工单编号: `${no}-2`, 类别: '咨询' })]) });
  await page.getByText('类别须为消费投诉、违法行为举报或执法行为投诉').waitFor({ timeout: 30_000 });
  await screenshot(page, 'import-rejected');

  // 2. The good file: one record, with its tracking number and code for the hotline to relay.
  await input.setInputFiles({ name: 'hotline.xlsx', mimeType: XLSX, buffer: await workbook(page, baseURL, [row()]) });
  await page.getByTestId('complaint-import-result').waitFor({ timeout: 30_000 });
  const trackingNo = (await page.getByTestId('imported-tracking').first().innerText()).trim();
  const code = (await page.getByTestId('imported-code').first().innerText()).trim();
  assert.match(trackingNo, /^TS\d{8}[2-9A-Z]{6}$/);
  assert.match(code, /^\d{6}$/);
  await screenshot(page, 'import-done');
  await logout(page);

  // 3. The bureau head assigns the demo officer as handler (the officer's name as the header shows it).
  await login(page, baseURL, 'officer');
  const officerName = (await page.getByTestId('header-user-name').innerText()).trim();
  await logout(page);
  await login(page, baseURL, 'head');
  await page.goto(`${baseURL}/admin/complaints`);
  await page.getByTestId(`complaint-row-${no}`).click();
  await page.getByTestId('complaint-detail').waitFor();
  assert.match(await page.getByTestId('complaint-contact').innerText(), /陈\*\*/, 'the head sees the complainant masked');
  await page.getByTestId('complaint-assign').click();
  await page.getByTestId('complaint-handler').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: officerName }).first().click();
  await page.getByTestId('complaint-assign-reason').fill('指定专人承办');
  await page.getByTestId('complaint-assign-submit').click();
  await page.getByTestId('complaint-routing').getByText('指定专人承办').waitFor();
  await logout(page);

  // 4. The officer (the handler) reveals the contact (logged), accepts and answers.
  await login(page, baseURL, 'officer');
  await page.goto(`${baseURL}/admin/complaints`);
  await page.getByTestId(`complaint-row-${no}`).click();
  await page.getByTestId('complaint-reveal').click();
  await page.getByTestId('complaint-contact').filter({ hasText: '13766668888' }).waitFor();
  await page.getByTestId('complaint-action-accept').click();
  await page.getByTestId('complaint-action-note').fill('已受理，依法核查。');
  await page.getByTestId('complaint-action-submit').click();
  await page.getByTestId('complaint-status').filter({ hasText: '已受理' }).waitFor();
  assert.match(await page.getByTestId('complaint-answer-due').innerText(), /^\d{4}-\d{2}-\d{2}$/, 'accepting a named report starts the 5 WD period to tell the reporter (CP2)');
  await page.getByTestId('complaint-action-close').click();
  await page.getByTestId('complaint-action-note').fill('经核查，已对该超市立案调查，过期食品已下架。');
  await page.getByTestId('complaint-action-submit').click();
  await page.getByTestId('complaint-status').filter({ hasText: '已办结' }).waitFor();
  await screenshot(page, 'answered');
  await logout(page);

  // 5. The citizen, on the portal: the answer, then a 4-star rating.
  await page.goto(`${baseURL}/complaints/status?no=${trackingNo}`);
  await page.getByTestId('status-code').fill(code);
  await page.getByTestId('status-submit').click();
  await page.getByTestId('status-name').filter({ hasText: '已办结' }).waitFor();
  await page.getByText('经核查，已对该超市立案调查，过期食品已下架。').first().waitFor();
  assert.equal(await page.getByText('13766668888').count(), 0, 'no contact on the portal');
  await page.locator('[data-testid="status-rate"] .ant-rate-star').nth(3).click();
  await page.getByTestId('status-rate-submit').click();
  await page.getByTestId('status-rate').waitFor({ state: 'detached' });
  await screenshot(page, 'portal-rated');

  // 6. The supervisor sees it: routing, answer and satisfaction.
  await login(page, baseURL, 'supervisor');
  await page.goto(`${baseURL}/admin/complaints`);
  await page.getByTestId(`complaint-row-${no}`).click();
  await page.getByTestId('complaint-satisfaction').filter({ hasText: '4/5' }).waitFor();
  assert.equal(await page.getByTestId('complaint-reveal').count(), 0, 'the supervisor cannot reveal the complainant');
  await page.getByTestId('complaint-routing').getByText('指定专人承办').waitFor();
  await screenshot(page, 'supervisor-sees');

  // 7. The supervision people of the demo: certified supervisors, contact points, a questionnaire answered on the portal.
  await page.goto(`${baseURL}/admin/liaison/supervisors`);
  await page.getByTestId('supervisors-page').getByText('王立新').first().waitFor();
  await screenshot(page, 'supervisors');
  await page.goto(`${baseURL}/admin/liaison/contact-points`);
  await page.getByTestId('contact-points-page').getByText('海港区福源超市').waitFor();
  await page.goto(`${baseURL}/admin/liaison/surveys`);
  await page.getByTestId('surveys-page').getByText('行政执法满意度问卷').waitFor();
  await page.getByTestId('survey-issue-links').first().click();
  const link = await page.getByTestId('survey-link').first().getAttribute('href');
  await logout(page);
  await page.goto(link);
  await page.getByTestId('survey-page').waitFor();
  await page.locator('[data-testid="survey-page"] .ant-rate').first().locator('.ant-rate-star').nth(4).click();
  await page.getByTestId('survey-page').getByText('是', { exact: true }).click();
  await page.getByTestId('survey-submit').click();
  await page.getByTestId('survey-done').waitFor();
  await page.goto(link);
  await page.getByTestId('survey-invalid').waitFor();
  await screenshot(page, 'survey-link-spent');
}
