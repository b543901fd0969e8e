// Issue #2 journey: an administrator imports an item list from Excel in the back office (a bad file first: nothing is
// imported and the errors name row and column), and a supervisor of the parent region then sees the imported items,
// while a county supervisor of another county does not.
import assert from 'node:assert/strict';
import { login, logout } from '../lib/session.mjs';
import ExcelJS from 'exceljs';

export const name = '管理员导入事项清单，上级区域监督人员可见 (admin imports items from Excel; the parent-region supervisor sees them)';




/** Fill the server's own template, as a user would after clicking 下载模板. */
async function workbook(page, baseURL, rows) {
  const tpl = await page.request.get(`${baseURL}/api/v1/imports/templates/items`);
  assert.equal(tpl.status(), 200, 'template download');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await tpl.body());
  const ws = wb.getWorksheet('执法事项');
  const headers = [];
  ws.getRow(1).eachCell((c, i) => (headers[i] = String(c.value).replace('*', '')));
  for (const r of rows) ws.addRow(headers.slice(1).map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export default async function importItems({ page, baseURL, screenshot }) {
  await login(page, baseURL, 'sysadmin');
  const subj = await (await page.request.get(`${baseURL}/api/v1/subjects?q=${encodeURIComponent('秦皇岛市市场监督管理局')}`)).json();
  const agency = subj.items.find((s) => s.name === '秦皇岛市市场监督管理局');
  assert.ok(agency, 'the demo city has its market-regulation bureau');
  const stamp = Date.now().toString(36).toUpperCase();
  const row = (n, over = {}) => ({
    事项编码: `E2E-${stamp}-${n}`,
    事项名称: `对经营超过保质期的食品的行政处罚（E2E-${stamp}-${n}）`,
    事项类别: '行政处罚',
    执法领域: '市场监管',
    实施主体统一社会信用代码: agency.uscc,
    法律依据名称: '中华人民共和国食品安全法',
    条款: '第一百二十四条',
    版本: '2021年修正',
    施行日期: '2021-04-29',
    须音像记录的环节: '调查取证',
    办理流程: '立案;调查取证;告知;决定;送达;执行',
    ...over,
  });

  await page.getByTestId('menu-items').click();
  await page.getByTestId('import-button').waitFor();

  // 1. A file with one bad row: nothing imported, the error names its row and column.
  const bad = await workbook(page, baseURL, [row(1), row(2, { 事项类别: '行政乱罚' }), row(3)]);
  await page.getByTestId('import-file-input').setInputFiles({ name: 'bad-items.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
  await page.locator('[data-testid="import-progress"][data-status="failed"]').waitFor({ timeout: 60_000 });
  const errorRow = page.getByTestId('import-error-row').first();
  await errorRow.waitFor();
  const errText = await errorRow.innerText();
  assert.match(errText, /3/, 'the error names row 3 (the second data row)');
  assert.match(errText, /事项类别/, 'the error names the column 事项类别');
  await screenshot(page, 'import-rejected');
  await page.keyboard.press('Escape');
  const none = await (await page.request.get(`${baseURL}/api/v1/items?q=E2E-${stamp}`)).json();
  assert.equal(none.total, 0, 'a rejected file writes nothing');

  // 2. The corrected file imports.
  const good = await workbook(page, baseURL, [row(1), row(2), row(3, { 事项类别: '行政检查', 纳入随机抽查: '是' })]);
  await page.getByTestId('import-file-input').setInputFiles({ name: 'items.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
  await page.locator('[data-testid="import-progress"][data-status="succeeded"]').waitFor({ timeout: 60_000 });
  await screenshot(page, 'import-succeeded');
  await page.keyboard.press('Escape');
  await logout(page);

  // 3. The city's supervisor (justice bureau) sees the new items.
  await login(page, baseURL, 'supervisor');
  await page.getByTestId('menu-items').click();
  await page.getByTestId('filter-q').locator('input').fill(`E2E-${stamp}`);
  await page.getByTestId('filter-q').locator('input').press('Enter');
  // Wait for the filtered list (the unfiltered first page is on screen until the search answers).
  await page.waitForFunction(
    (s) => {
      const rows = [...document.querySelectorAll('[data-testid="item-row"]')];
      return rows.length > 0 && rows.every((r) => r.textContent.includes(s));
    },
    `E2E-${stamp}`,
    { timeout: 30_000 },
  );
  assert.equal(await page.getByTestId('item-row').count(), 3, 'the supervisor sees the three imported items');
  assert.match(await page.getByTestId('item-row').first().innerText(), new RegExp(`E2E-${stamp}-1`));
  await screenshot(page, 'supervisor-sees-items');
  await logout(page);

  // 4. A county supervisor's subtree does not contain the city bureau: the items are not visible.
  await login(page, baseURL, 'county_supervisor');
  const county = await (await page.request.get(`${baseURL}/api/v1/items?q=E2E-${stamp}`)).json();
  assert.equal(county.total, 0, 'out of the county supervisor\'s scope');
}
