// Issue #6 items 3–4 (案卷评查): the justice-bureau supervisor plans a campaign with the wizard and draws the sample; two
// supervisors score the same file blind and sign (the second sees the first's sheet only after signing); the report
// shows the grade and the ranking; once issued, the agency head of the market bureau sees the report of the bureau.
import assert from 'node:assert/strict';
import { login, logout } from '../lib/session.mjs';

export const name = '案卷评查：评查方案、随机抽取、两名评查人员独立盲评签名、评查报告与等次、被评查单位查看报告 (case-file evaluation from plan to the agency’s report)';
export const timeout = 240_000;

/** Opens an antd Select by data-testid and clicks the first option whose text is exactly `text`. */
async function pickOption(page, testId, text) {
  const select = page.getByTestId(testId);
  const input = select.locator('input[role="combobox"]');
  for (let attempt = 1; ; attempt++) {
    if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${text.replace(/[()（）]/g, '.')}$`) }).first();
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

async function waitStatus(page, text) {
  await page.waitForFunction((t) => document.querySelector('[data-testid="campaign-status"]')?.textContent?.includes(t), text, { timeout: 30_000 });
}

/** Opens the first unsigned file of my queue, deducts on one rubric line, comments, signs and submits. */
async function scoreFirstFile(page, baseURL, deduction, comment) {
  await page.goto(`${baseURL}/admin/evaluation/queue`);
  await page.getByTestId('queue-table').waitFor({ timeout: 30_000 });
  await page.getByTestId('queue-open').first().click();
  await page.getByTestId('rubric-form').waitFor({ timeout: 30_000 });
  const input = page.locator(`[data-testid="${deduction}"] input, input[data-testid="${deduction}"]`).first();
  await input.fill('1');
  await input.press('Tab');
  await page.getByTestId('score-comment').fill(comment);
  await page.getByTestId('score-submit').click();
  await page.getByTestId('score-confirm').click();
  await page.getByTestId('my-sheet').waitFor({ timeout: 30_000 });
}

export default async function evaluationJourney({ page, baseURL, screenshot }) {
  // ---- 1. the supervisor: campaign wizard → sample → open scoring ----
  await login(page, baseURL, 'supervisor');
  await page.goto(`${baseURL}/admin/evaluation/campaigns`);
  await page.getByTestId('campaigns-table').waitFor({ timeout: 30_000 });
  await page.getByTestId('campaign-create').click();
  await page.getByTestId('campaign-name').fill('端到端案卷评查（抽取1件）');
  await page.getByTestId('sample-count').locator('input').or(page.locator('input[data-testid="sample-count"]')).first().fill('1');
  await pickOption(page, 'campaign-reviewers', '市司法局执法监督员');
  await pickOption(page, 'campaign-reviewers', '市司法局执法监督员（二）');
  await screenshot(page, 'campaign-wizard');
  await page.getByTestId('campaign-submit').click();
  await page.getByTestId('evaluation-campaign-page').waitFor({ timeout: 30_000 });
  const campaignUrl = page.url();
  await page.getByTestId('campaign-action-sample').click();
  await waitStatus(page, '已抽取案卷');
  assert.match((await page.getByTestId('campaign-seed').innerText()).trim(), /^[0-9a-f]{64}$/);
  await page.getByTestId('campaign-action-start_scoring').click();
  await waitStatus(page, '评分中');
  await screenshot(page, 'campaign-sampled');

  // ---- 2. first reviewer scores and signs ----
  await scoreFirstFile(page, baseURL, 'ded-archive_orderly-disorder', '卷内材料排列无序。');
  await screenshot(page, 'first-sheet-signed');
  await logout(page);

  // ---- 3. second reviewer: blind until signed, then sees both sheets ----
  await login(page, baseURL, 'supervisor2');
  await scoreFirstFile(page, baseURL, 'ded-documents_standard-non_standard_form', '个别文书未使用统一格式。');
  await page.getByTestId('all-sheets').waitFor({ timeout: 30_000 });
  const rows = await page.locator('[data-testid="all-sheets"] tbody tr.ant-table-row').count();
  assert.equal(rows, 2, 'both signed sheets are shown after signing');
  await screenshot(page, 'second-sheet-both-visible');
  await logout(page);

  // ---- 4. the supervisor drafts and issues the report ----
  await login(page, baseURL, 'supervisor');
  await page.goto(campaignUrl);
  await page.getByTestId('campaign-action-draft_report').click();
  await waitStatus(page, '评查报告审核');
  await page.getByTestId('campaign-report').waitFor({ timeout: 30_000 });
  // 99 and 99 points → 99.0, 优秀
  await page.waitForFunction(() => document.querySelector('[data-testid="file-grade-1"]')?.textContent?.includes('优秀'), null, { timeout: 30_000 });
  await page.getByTestId('campaign-action-issue_report').click();
  await waitStatus(page, '已反馈');
  await screenshot(page, 'report-issued', { fullPage: true });
  await logout(page);

  // ---- 5. the agency head sees the bureau's report ----
  await login(page, baseURL, 'head');
  const entry = page.getByTestId('menu-evaluation-campaigns');
  if (!(await entry.isVisible())) await page.getByTestId('menu-group-evaluationGroup').click();
  await entry.click();
  await page.getByTestId('campaigns-table').waitFor({ timeout: 30_000 });
  await page.goto(campaignUrl);
  await page.getByTestId('campaign-report').waitFor({ timeout: 30_000 });
  const avg = (await page.getByTestId('agency-average').first().innerText()).trim();
  assert.match(avg, /^\d+\.\d$/);
  assert.ok(await page.getByTestId('objection-submit').isVisible(), 'the head may object within the window');
  await screenshot(page, 'agency-head-report', { fullPage: true });
}
