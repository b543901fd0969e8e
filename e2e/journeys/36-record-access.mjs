// Issue #8 (REC7): a party asks on the public portal to copy the records of its case, the agency head releases them in
// the back office, and the party downloads a record with its tracking number and code.
import assert from 'node:assert/strict';
import { serverClock } from '../lib/clock.mjs';
import { login, logout } from '../lib/session.mjs';

export const name = '当事人在门户申请查阅执法记录，执法机关准予后下载 (a party requests its records, the agency releases them, the party downloads)';

export default async function recordAccess({ page, context, baseURL, screenshot }) {
  // Setup as the officer: a filed case of an organisation, with one photo recorded against it.
  await login(page, baseURL, 'officer');
  const list = await (await page.request.get(`${baseURL}/api/v1/cases?limit=50`)).json();
  const target = list.items.find((c) => c.caseNo && c.party.type === 'organisation');
  assert.ok(target, 'a filed demo case of an organisation');
  const meta = { caseRef: target.id, stage: 'investigation', maker: '李明、王强', capturedAt: new Date((await serverClock(baseURL)).now - 3600_000).toISOString(), capturedPlace: '秦皇岛市海港区', device: '执法记录仪', deviceReviewed: true, method: '现场拍照', proves: '经营场所现状' };
  const up = await page.request.post(`${baseURL}/api/v1/evidence`, {
    multipart: { meta: JSON.stringify(meta), file: { name: '现场.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) } },
  });
  assert.equal(up.status(), 201, await up.text());
  await logout(page);

  // The party, with no account, files the request.
  await context.clearCookies();
  await page.goto(`${baseURL}/`);
  await page.getByTestId('pub-nav-nav.recordAccess').click();
  const form = page.getByTestId('access-request-form');
  await form.waitFor({ timeout: 30_000 });
  await form.getByLabel('案件编号或决定书文号').fill(target.caseNo);
  await form.getByText('法人或其他组织').click();
  await form.getByLabel('姓名或名称').fill(target.party.name);
  await form.getByLabel('统一社会信用代码').fill(target.party.uscc);
  await form.getByText('复制', { exact: true }).click();
  await form.getByLabel('用途').fill('申请行政复议需要');
  await page.getByTestId('access-submit').click();
  await page.getByTestId('access-filed').waitFor({ timeout: 30_000 });
  const trackingNo = (await page.getByTestId('access-tracking-no').innerText()).trim();
  const code = (await page.getByTestId('access-code').innerText()).trim();
  assert.match(trackingNo, /^CX\d{14}$/);
  await screenshot(page, 'filed');

  // The agency head releases the record.
  await login(page, baseURL, 'head');
  await page.goto(`${baseURL}/admin/record-access`);
  await page.getByTestId('access-row').filter({ hasText: trackingNo }).click();
  const decision = page.getByTestId('access-decision-form');
  await decision.waitFor({ timeout: 30_000 });
  await decision.getByLabel('办理意见').fill('准予复制本案现场照片。');
  await screenshot(page, 'decision');
  await page.getByTestId('access-approve').click();
  await decision.waitFor({ state: 'detached', timeout: 30_000 });
  await logout(page);

  // The party follows the request and downloads the record.
  await context.clearCookies();
  await page.goto(`${baseURL}/record-access`);
  await page.getByRole('tab', { name: '查询进度' }).click();
  await page.getByTestId('access-lookup-no').fill(trackingNo);
  await page.getByTestId('access-lookup-code').fill(code);
  await page.getByTestId('access-lookup').click();
  const status = page.getByTestId('access-status');
  await status.waitFor({ timeout: 30_000 });
  assert.equal(await status.getAttribute('data-status'), 'approved');
  // The case's records include the investigation's recording (REC3) besides the photo filed above: download the photo.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-file-name="现场.jpg"]').getByTestId('access-download').click()]);
  assert.equal(download.suggestedFilename(), '现场.jpg');
  await screenshot(page, 'released');

  // A wrong code shows nothing.
  await page.getByTestId('access-lookup-code').fill('wrong-code');
  await page.getByTestId('access-lookup').click();
  await page.getByTestId('error-alert').waitFor({ timeout: 15_000 });
}
