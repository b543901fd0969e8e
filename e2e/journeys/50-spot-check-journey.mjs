// Issue #5 (双随机、一公开): a member of the public re-runs the demo's published draw in the browser; the agency head
// makes a plan with the wizard, publishes the commitment, draws and reveals the seed; a drawn inspector records a
// result; the new draw appears on the portal and re-runs there too.
import assert from 'node:assert/strict';
import { login, logout } from '../lib/session.mjs';

export const name = '双随机抽查：计划向导、公布承诺值、抽取、公开种子、录入结果、公众在浏览器中复现抽取 (a verifiable random draw from plan to public check)';
export const timeout = 240_000;

/** Opens an antd Select by data-testid and clicks the first option containing `text` (retried while it opens). */
async function pickOption(page, testId, text) {
  const select = page.getByTestId(testId);
  const input = select.locator('input[role="combobox"]');
  for (let attempt = 1; ; attempt++) {
    if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
    try {
      await option.waitFor({ timeout: 15_000 });
      await option.click();
      await input.press('Escape');
      return;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${testId}: choosing ${text} did not take`, { cause: e });
    }
  }
}

async function verifyOnPortal(page, baseURL, drawId) {
  await page.goto(`${baseURL}/spot-checks/${drawId}`);
  await page.getByTestId('portal-seed').waitFor({ timeout: 30_000 });
  await page.getByTestId('portal-verify-draw').click();
  await page.getByTestId('portal-verify-result').waitFor({ timeout: 60_000 });
  const oks = await page.getByTestId('draw-check').evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')));
  assert.deepEqual(oks, ['true', 'true', 'true'], 'files, seed and selection all check out in the browser');
}

/** Click a menu entry, opening its group first only if the group is collapsed (groups start open). */
async function openMenu(page, testId) {
  const item = page.getByTestId(testId);
  if (!(await item.isVisible())) await page.getByTestId('menu-group-spotChecks').click();
  await item.click();
}

export default async function spotCheckJourney({ page, context, baseURL, screenshot }) {
  // ---- 1. the public: the demo draw, re-run in the browser ----
  await page.goto(`${baseURL}/`);
  await page.getByTestId('pub-nav-nav.spotChecks').click();
  await page.getByTestId('portal-draws').waitFor({ timeout: 30_000 });
  const first = page.locator('[data-testid="portal-draws"] a[href^="/spot-checks/"]').first();
  await first.waitFor({ timeout: 30_000 });
  const demoId = (await first.getAttribute('href')).split('/').pop();
  await screenshot(page, 'portal-draws');
  await verifyOnPortal(page, baseURL, demoId);
  await screenshot(page, 'portal-demo-draw-verified');

  // ---- 2. the agency head: plan wizard → commit → draw → reveal ----
  await login(page, baseURL, 'head');
  await openMenu(page, 'menu-spot-check-plans');
  await page.getByTestId('plans-table').waitFor({ timeout: 30_000 });
  await page.getByTestId('plan-create').click();
  await page.getByTestId('plan-name').fill('餐饮服务专项双随机抽查（端到端）');
  await pickOption(page, 'plan-items', '对食品销售者的监督检查');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('plan-team-size').waitFor();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('plan-review').waitFor();
  await screenshot(page, 'plan-wizard-review');
  await page.getByTestId('wizard-submit').click();
  await page.getByTestId('spot-check-plan-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('plan-action-commit').click();
  await page.getByTestId('draw-commitment').waitFor({ timeout: 30_000 });
  const commitment = (await page.getByTestId('draw-commitment').innerText()).trim();
  assert.match(commitment, /^[0-9a-f]{64}$/);
  await page.getByTestId('plan-action-draw').click();
  await page.getByTestId('draw-summary').waitFor({ timeout: 30_000 });
  await page.getByTestId('plan-action-reveal').click();
  await page.getByTestId('draw-seed').waitFor({ timeout: 30_000 });
  await screenshot(page, 'draw-revealed');
  const publicHref = await page.getByTestId('draw-public-link').getAttribute('href');
  const newId = publicHref.split('/').pop();
  await logout(page);

  // ---- 3. a drawn inspector records a result ----
  await login(page, baseURL, 'officer');
  await openMenu(page, 'menu-spot-check-tasks');
  await page.getByTestId('tasks-mine').click();
  const record = page.getByTestId('task-record').first();
  await record.waitFor({ timeout: 30_000 });
  await record.click();
  await page.getByTestId('result-submit').click();
  await page.locator('.ant-message').getByText('已录入检查结果').waitFor({ timeout: 30_000 });
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden', timeout: 15_000 });
  await screenshot(page, 'task-result');
  await logout(page);

  // ---- 4. the public again: the new draw, re-run in the browser ----
  await context.clearCookies();
  await verifyOnPortal(page, baseURL, newId);
  assert.equal((await page.getByTestId('portal-commitment').innerText()).trim(), commitment, 'the commitment is the one published before the draw');
  await screenshot(page, 'portal-new-draw-verified');
}
