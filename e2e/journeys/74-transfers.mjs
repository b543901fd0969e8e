// Issue #6 item 7: 案件移送 with a jurisdiction dispute. The city market bureau's officer transfers a case to the
// Changli county bureau from the case page; the county head refuses it with reasons (so both deny jurisdiction, SAMR
// 程序规定 Art.17); the city justice bureau's supervisor — the common superior — designates the county bureau
// (行政处罚法 Art.25 para 2); the designation binds: the county head can only accept, which opens the county's own case,
// and from then on the county bureau owns the case.
import assert from 'node:assert/strict';
import { login, logout } from '../lib/session.mjs';

export const name = '案件移送：移送 → 拒收 → 共同上级指定管辖 → 被指定机关接收并管辖 (transfer, refusal, designation, the designated agency owns the case)';
export const timeout = 240_000;

/** GB 11643 check digit (packages/domain/src/validation; journeys are plain node). */
function withIdCheckDigit(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

/** Opens an antd Select by test id, types a search, clicks the matching option. */
async function pick(page, testId, text, search) {
  const select = page.getByTestId(testId);
  const input = select.locator('input[role="combobox"]');
  for (let attempt = 1; ; attempt++) {
    if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click();
    if (search !== undefined) await input.fill(search);
    const listId = `${await input.getAttribute('id')}_list`;
    const option = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) }).locator('.ant-select-item-option').filter({ hasText: text }).first();
    try {
      await option.waitFor({ timeout: 15_000 });
      await option.click();
      await select.locator('.ant-select-selection-item, .ant-select-content-has-value').filter({ hasText: text }).first().waitFor({ timeout: 3_000 });
      if ((await input.getAttribute('aria-expanded')) === 'true') await input.press('Escape');
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${testId}: choosing ${text} did not take`, { cause: e });
    }
  }
}

async function openTransfer(page, baseURL, id) {
  await page.goto(`${baseURL}/admin/transfers/agency/${id}`);
  await page.getByTestId('agency-transfer').waitFor({ timeout: 30_000 });
}

export default async function transfersJourney({ page, baseURL, screenshot }) {
  await page.setViewportSize({ width: 1440, height: 1000 });
  const COUNTY = '昌黎县市场监督管理局';

  // The city bureau's officer has a lead about an act in Changli county (registered through the API: the case form is
  // covered by 40-case-journey).
  await login(page, baseURL, 'officer');
  const list = await json(await page.request.get(`${baseURL}/api/v1/cases?pageSize=5`), 'cases');
  const model = list.items[0];
  const party = `移送当事人${String(Date.now()).slice(-5)}`;
  const opened = await json(
    await page.request.post(`${baseURL}/api/v1/cases`, {
      data: { itemId: model.itemId, placeRegionCode: '130322', party: { type: 'individual', name: party, idNumber: withIdCheckDigit(`13032219850307${String(Date.now()).slice(-3)}`) }, officerIds: model.officers.map((o) => o.id), violationOn: model.today, discoveredOn: model.today },
    }),
    'open case',
  );
  // The demo's suspected crime (两法衔接) waits for the police's answer: checklist complete, receipt recorded.
  await page.goto(`${baseURL}/admin/transfers`);
  await page.getByTestId('transfers-page').waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: /移送公安/ }).click();
  await page.getByTestId('police-transfer-row').first().click();
  await page.getByTestId('police-transfer').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('police-status').textContent(), /公安已接收/);
  assert.match(await page.getByTestId('police-timer').textContent(), /公安机关3日内审查并书面答复/);
  await page.getByTestId('police-checklist').getByText('涉嫌犯罪案件移送书').first().waitFor();
  // the seeded transfer carries its materials as files (310号令 Art.6), listed with their hashes for the receiver
  await page.getByTestId('transfer-files-police').getByText('涉嫌犯罪案件移送书.pdf').waitFor();
  await screenshot(page, '00-police-transfer');

  await page.goto(`${baseURL}/admin/cases/${opened.id}`);
  await page.getByTestId('case-transfers').waitFor({ timeout: 30_000 });
  await page.getByTestId('case-transfer-new').click();
  await page.getByTestId('transfer-new').waitFor();
  await pick(page, 'transfer-to-agency', COUNTY, '昌黎县市场');
  await page.getByTestId('transfer-reason').fill('违法行为发生地在昌黎县，依照行政处罚法第二十二条属县局管辖。');
  await screenshot(page, '01-transfer-form');
  await page.getByTestId('transfer-submit').click();
  await page.getByTestId('agency-transfer').waitFor({ timeout: 30_000 });
  const id = page.url().split('/').pop();
  assert.equal(await page.getByTestId('transfer-status').textContent(), '待接收');
  assert.match(await page.getByTestId('transfer-owner').textContent(), /秦皇岛市市场监督管理局/);
  // The case itself is now 已移送 and links to its transfer.
  await page.goto(`${baseURL}/admin/cases/${opened.id}`);
  await page.getByTestId('case-transfer-link').waitFor({ timeout: 30_000 });
  await screenshot(page, '02-case-links-transfer');
  await logout(page);

  // The county head finds it under 收到的移送 and refuses it, with reasons.
  await login(page, baseURL, 'county_head');
  // Reachable from the menu (the group may start open or closed).
  const menuItem = page.getByTestId('menu-transfers');
  if (!(await menuItem.isVisible())) await page.getByTestId('menu-group-transfersGroup').click();
  await menuItem.scrollIntoViewIfNeeded();
  await menuItem.click();
  await page.getByTestId('transfers-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('agency-transfers').getByText(party).waitFor({ timeout: 30_000 });
  await screenshot(page, '03-incoming-list');
  await page.getByTestId('agency-transfers').getByText(party).click();
  await page.getByTestId('agency-transfer').waitFor();
  await page.getByTestId('transfer-action-refuse').click();
  await page.getByTestId('transfer-action-reason').fill('该违法行为系在市区经营场所实施，不属本局管辖。');
  await page.getByTestId('transfer-action-submit').click();
  await page.getByTestId('transfer-status').filter({ hasText: '待指定管辖' }).waitFor({ timeout: 30_000 });
  // No way to send it on: the only road is designation (SAMR Art.17).
  assert.equal(await page.getByTestId('transfer-action-accept').count(), 0);
  await screenshot(page, '04-refused-awaiting-designation');
  await logout(page);

  // The county's supervisor is below the common superior and gets no designate button; the city supervisor does.
  await login(page, baseURL, 'county_supervisor');
  await openTransfer(page, baseURL, id);
  assert.equal(await page.getByTestId('transfer-action-designate').count(), 0, 'the county supervisor cannot designate');
  await logout(page);
  await login(page, baseURL, 'supervisor');
  await openTransfer(page, baseURL, id);
  await page.getByTestId('transfer-action-designate').click();
  await pick(page, 'designate-agency', COUNTY, '昌黎县市场');
  await page.getByTestId('transfer-action-reason').fill('违法行为发生地在昌黎县，由昌黎县市场监督管理局管辖。');
  await screenshot(page, '05-designation');
  await page.getByTestId('transfer-action-submit').click();
  await page.getByTestId('transfer-status').filter({ hasText: '已指定管辖' }).waitFor({ timeout: 30_000 });
  await logout(page);

  // The designation binds: the county head can only accept; its own case opens and the county owns the case.
  await login(page, baseURL, 'county_head');
  await openTransfer(page, baseURL, id);
  assert.equal(await page.getByTestId('transfer-action-refuse').count(), 0, 'a designated agency cannot refuse');
  await page.getByTestId('transfer-action-accept').click();
  await pick(page, 'accept-item', '', '');
  const officersSelect = page.getByTestId('accept-officers');
  const officersInput = officersSelect.locator('input[role="combobox"]');
  await officersSelect.click();
  // This select's own popup (a closing one from the item select may still be in the page).
  const listId = `${await officersInput.getAttribute('id')}_list`;
  const opts = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) }).locator('.ant-select-item-option');
  await opts.first().waitFor({ timeout: 15_000 });
  await opts.nth(0).click();
  await opts.nth(1).click();
  await officersSelect.locator('.ant-select-selection-item, .ant-select-content-has-value').first().waitFor({ timeout: 5_000 });
  await officersInput.press('Escape');
  await page.getByTestId('transfer-action-submit').click();
  await page.getByTestId('transfer-status').filter({ hasText: '已接收' }).waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('transfer-owner').textContent(), new RegExp(COUNTY));
  await page.waitForFunction(() => ![...document.querySelectorAll('.ant-modal-wrap')].some((e) => getComputedStyle(e).display !== 'none'));
  await screenshot(page, '06-accepted-county-owns');
  await page.getByTestId('receiving-case').click();
  await page.getByTestId('case-detail').waitFor({ timeout: 30_000 });
  const received = await json(await page.request.get(`${baseURL}/api/v1/cases/${page.url().split('/').pop()}`), 'received case');
  assert.equal(received.agencyName, COUNTY);
  assert.equal(received.party.name, party);
  assert.equal(received.status, 'lead');
  await screenshot(page, '07-county-case');
}
