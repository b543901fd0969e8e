// Issue #7 ("done when"): the command centre, live. A field officer reports on patrol from the phone page with a photo
// and a location; the report appears on the dispatcher's command screen without a reload (server-sent events), in its
// grid; the dispatcher dispatches it to the officer; the officer acknowledges, arrives and handles it with a photo; the
// command screen moves it along its queues live; the dispatcher gives the feedback to the reporter and closes it.
// (Citizen reports through the portal form, conversion into an inspection and the status page: journey 62-command-portal.)
import assert from 'node:assert/strict';
import { login } from '../lib/session.mjs';

export const name = '综合执法指挥：巡查上报（照片、定位）→ 指挥中心实时显示 → 派遣 → 签收、到场、处置（照片）→ 反馈、办结 (command centre, live)';
export const timeout = 240_000;

// A 1×1 PNG: the photo the officer takes.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

export default async function commandJourney({ browser, page, baseURL, screenshot }) {
  // The dispatcher's screen: logging in lands on 指挥中心; it must never reload during the journey.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await login(page, baseURL, 'dispatcher');
  await page.getByTestId('command-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('command-live').filter({ hasText: /实时连接|Live/ }).waitFor({ timeout: 30_000 });
  await page.getByTestId('grid-CL-01').waitFor();
  await page.evaluate(() => {
    window.__noReload = true;
  });
  await screenshot(page, '01-command-screen');

  // The field officer on a phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const fp = await phone.newPage();
  await login(fp, baseURL, 'grid_officer');
  const me = await json(await fp.request.get(`${baseURL}/api/v1/auth/me`), 'me');
  const officerName = me.user.displayName;
  await fp.goto(`${baseURL}/admin/command/field`);
  await fp.getByTestId('field-page').waitFor({ timeout: 30_000 });
  const description = `巡查发现占道经营 ${Date.now()}`;
  await fp.getByTestId('field-description').fill(description);
  await fp.getByTestId('field-lng').fill('119.142');
  await fp.getByTestId('field-lat').fill('39.722');
  await fp.getByTestId('field-photo').setInputFiles({ name: 'patrol.png', mimeType: 'image/png', buffer: PHOTO });
  await screenshot(fp, '02-field-report');
  await fp.getByTestId('field-report-submit').click();
  const done = await fp.getByTestId('field-report-done').textContent({ timeout: 30_000 });
  const eventNo = /SJ\w+/.exec(done ?? '')?.[0];
  assert.ok(eventNo, `report answered an event number: ${done}`);
  assert.ok(!done.includes('合并'), 'a new report, not merged');

  // It appears on the command screen, live, in the 待派遣 queue.
  const row = page.getByTestId('queue-new').getByTestId(`event-${eventNo}`);
  await row.waitFor({ timeout: 30_000 });
  await page.getByTestId(`map-event-${eventNo}`).waitFor();
  await screenshot(page, '03-report-arrives-live');

  // Dispatch to the officer.
  await page.getByTestId(`dispatch-${eventNo}`).click();
  await page.getByTestId('dispatch-officer').click();
  await page.getByTestId('dispatch-officer').locator('input[role="combobox"]').fill(officerName);
  await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: officerName }).first().click();
  await page.getByTestId('dispatch-submit').click();
  await page.getByTestId('queue-field').getByTestId(`event-${eventNo}`).waitFor({ timeout: 30_000 });

  // The officer's phone shows the event (live) and works it.
  const card = fp.getByTestId(`field-event-${eventNo}`);
  await card.waitFor({ timeout: 30_000 });
  await card.getByTestId('action-acknowledge').click();
  await card.getByTestId('action-arrive').waitFor({ timeout: 30_000 });
  await card.getByTestId('action-arrive').click();
  await card.getByTestId('field-handle-note').waitFor({ timeout: 30_000 });
  await card.getByTestId('field-handle-note').fill('已劝离摊贩，现场恢复通行');
  await card.getByTestId('field-handle-photo').setInputFiles({ name: 'handled.png', mimeType: 'image/png', buffer: PHOTO });
  await screenshot(fp, '04-field-handle');
  await card.getByTestId('field-handle-submit').click();

  // The command screen moves it to 待反馈 without a reload.
  await page.getByTestId('queue-feedback').getByTestId(`event-${eventNo}`).waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the command screen was not reloaded');
  await screenshot(page, '05-handled-live');

  // Feedback to the reporter, then close, from the event page.
  await page.getByTestId('queue-feedback').getByTestId(`event-${eventNo}`).getByRole('link', { name: eventNo }).click();
  await page.getByTestId('command-event-page').waitFor();
  await page.getByTestId('action-give_feedback').click();
  await page.getByTestId('action-feedback').fill('您反映的占道经营已处理，感谢监督。');
  await page.getByTestId('action-submit').click();
  await page.getByTestId('event-detail-status').filter({ hasText: '已反馈' }).waitFor({ timeout: 30_000 });
  await page.getByTestId('action-close').click();
  await page.getByTestId('event-detail-status').filter({ hasText: '已办结' }).waitFor({ timeout: 30_000 });
  const history = await page.locator('.ant-timeline').textContent();
  for (const step of ['上报', '派遣', '签收', '到场', '现场处置', '反馈上报人', '办结']) assert.ok(history.includes(step), `history shows ${step}`);
  await screenshot(page, '06-closed', { fullPage: true });

  // The handling photo is in the evidence store, filed under the event.
  const ev = await json(await page.request.get(`${baseURL}/api/v1/command/events?limit=50`), 'events');
  const mine = ev.find((e) => e.eventNo === eventNo);
  assert.equal(mine.handling.evidenceIds.length, 1);
  assert.equal(mine.evidenceIds.length, 1);
  await phone.close();
}
