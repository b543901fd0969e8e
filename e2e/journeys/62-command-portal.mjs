// Issue #7 ("done when"), from the citizen's side: a citizen reports a city-management problem on the public portal
// (no login: kind, description, the place clicked on the offline grid map, a photo, a phone number) and gets an event
// number and a code; the dispatcher sees it arrive live and dispatches it; the field officer acknowledges, arrives,
// handles it with a photo and converts it into an inspection (linked both ways); the dispatcher gives the feedback; the
// citizen reads the feedback on the status page — which shows nothing personal.
import assert from 'node:assert/strict';
import { login } from '../lib/session.mjs';

export const name = '城市管理问题上报（门户：地图选点、照片）→ 指挥中心实时派遣 → 队员处置（照片）并转行政检查 → 群众查看反馈 (citizen report via the portal)';
export const timeout = 300_000;

const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const CITIZEN_PHONE = '13912345678';

/** A valid 18-digit ID number (GB 11643 check digit) for the party of the inspection. */
function idNumber() {
  const body = `130322${1970 + Math.floor(Math.random() * 30)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((a, c, i) => a + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

async function json(res, what) {
  const body = await res.text();
  assert.ok(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

export default async function commandPortalJourney({ browser, page, baseURL, screenshot }) {
  // The dispatcher's command screen stays open (and is never reloaded) while the citizen reports.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await login(page, baseURL, 'dispatcher');
  await page.getByTestId('command-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('command-live').filter({ hasText: /实时连接|Live/ }).waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    window.__noReload = true;
  });

  // The citizen, on a phone, no login.
  const citizenCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const cp = await citizenCtx.newPage();
  await cp.goto(`${baseURL}/`);
  await cp.getByTestId('pub-nav-nav.cityReport').click();
  await cp.getByTestId('city-report-form').waitFor({ timeout: 30_000 });
  await cp.getByTestId('city-report-map').getByTestId('grid-CL-02').waitFor({ timeout: 30_000 });
  await cp.getByTestId('city-report-kind').click();
  await cp.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '占道经营' }).first().click();
  const description = `门户上报：碣石大街早市占道经营 ${Date.now()}`;
  await cp.getByTestId('city-report-description').fill(description);
  await cp.getByTestId('city-report-map').getByTestId('grid-CL-02').locator('path').click();
  await cp.getByTestId('city-report-picked').filter({ hasText: '经度' }).waitFor();
  await cp.getByTestId('city-report-address').fill('碣石大街与人民路口');
  await cp.getByTestId('city-report-photos').setInputFiles({ name: 'street.png', mimeType: 'image/png', buffer: PHOTO });
  await cp.getByTestId('city-report-photo-count').waitFor();
  await cp.getByTestId('city-report-phone').fill(CITIZEN_PHONE);
  await screenshot(cp, '01-citizen-report-form', { fullPage: true });
  await cp.getByTestId('city-report-submit').click();
  await cp.getByTestId('city-report-filed').waitFor({ timeout: 30_000 });
  const eventNo = (await cp.getByTestId('city-report-no').textContent()).trim();
  const code = (await cp.getByTestId('city-report-code').textContent()).trim();
  assert.match(eventNo, /^SJ\d{8}[0-9A-Z]{6}$/);
  assert.match(code, /^\d{6}$/);
  await screenshot(cp, '02-citizen-number-and-code');

  // Live on the command screen, in the 待派遣 queue, with its grid.
  await page.getByTestId('queue-new').getByTestId(`event-${eventNo}`).waitFor({ timeout: 30_000 });
  await page.getByTestId(`map-event-${eventNo}`).waitFor();
  const ev = (await json(await page.request.get(`${baseURL}/api/v1/command/events?limit=100`), 'events')).find((e) => e.eventNo === eventNo);
  assert.equal(ev.source, 'citizen');
  assert.equal(ev.reporter.phone, '139****5678', 'staff see the contact masked');
  assert.ok(ev.gridId, 'placed in its grid');
  await screenshot(page, '03-arrives-live');

  // The field officer, and dispatch to them.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const fp = await phone.newPage();
  await login(fp, baseURL, 'grid_officer');
  const me = await json(await fp.request.get(`${baseURL}/api/v1/auth/me`), 'me');
  const officerName = me.user.displayName;
  await fp.goto(`${baseURL}/admin/command/field`);
  await fp.getByTestId('field-page').waitFor({ timeout: 30_000 });

  await page.getByTestId(`dispatch-${eventNo}`).click();
  // Pick the officer; a busy page can swallow the first click on the option, so check that it took and retry.
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('dispatch-officer').click();
    await page.getByTestId('dispatch-officer').locator('input[role="combobox"]').fill(officerName);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: officerName }).first().click();
    await page.waitForTimeout(300);
    const chosen = await page.getByTestId('dispatch-officer').innerText({ timeout: 3_000 }).catch(() => '');
    if (chosen.includes(officerName)) break;
    if (attempt >= 3) throw new Error(`dispatch: choosing ${officerName} did not take`);
  }
  await page.getByTestId('dispatch-submit').click();
  await page.getByTestId('queue-field').getByTestId(`event-${eventNo}`).waitFor({ timeout: 30_000 });

  // The officer works it on the phone: acknowledge, arrive, handle with a photo.
  const card = fp.getByTestId(`field-event-${eventNo}`);
  await card.waitFor({ timeout: 30_000 });
  await card.getByTestId('action-acknowledge').click();
  await card.getByTestId('action-arrive').waitFor({ timeout: 30_000 });
  await card.getByTestId('action-arrive').click();
  await card.getByTestId('field-handle-note').waitFor({ timeout: 30_000 });
  await card.getByTestId('field-handle-note').fill('现场劝离摊贩，登记经营者信息，需进一步检查');
  await card.getByTestId('field-handle-photo').setInputFiles({ name: 'handled.png', mimeType: 'image/png', buffer: PHOTO });
  await card.getByTestId('field-handle-submit').click();
  await page.getByTestId('queue-feedback').getByTestId(`event-${eventNo}`).waitFor({ timeout: 30_000 });

  // …and converts it into an inspection from the event page.
  await fp.goto(`${baseURL}/admin/command/events/${ev.id}`);
  await fp.getByTestId('command-event-page').waitFor({ timeout: 30_000 });
  await fp.getByTestId('citizen-photos').locator('img').first().waitFor({ timeout: 30_000 });
  await fp.getByTestId('convert-panel').waitFor();
  await fp.getByTestId('convert-item').click();
  await fp.locator('.ant-select-dropdown .ant-select-item-option').first().click();
  await fp.getByTestId('convert-party-name').fill('摊主王某');
  await fp.getByTestId('convert-party-id').fill(idNumber());
  await screenshot(fp, '04-officer-converts', { fullPage: true });
  await fp.getByTestId('convert-submit').click();
  await fp.getByTestId('event-link-inspection').waitFor({ timeout: 30_000 });
  await fp.getByTestId('event-link-inspection').click();
  await fp.getByTestId('case-command-source').filter({ hasText: eventNo }).waitFor({ timeout: 30_000 });
  await screenshot(fp, '05-inspection-shows-source-event');

  // The dispatcher gives the feedback (the screen was never reloaded).
  assert.equal(await page.evaluate(() => window.__noReload), true, 'the command screen was not reloaded');
  await page.goto(`${baseURL}/admin/command/events/${ev.id}`);
  await page.getByTestId('command-event-page').waitFor();
  await page.getByTestId('event-links').filter({ hasText: '行政检查' }).waitFor();
  const history = await page.locator('.ant-timeline').textContent();
  assert.ok(history.includes('转行政检查'), 'the conversion is on the event history');
  await page.getByTestId('action-give_feedback').click();
  const feedback = '您反映的占道经营已处理，摊贩已劝离，并已立项检查。感谢监督。';
  await page.getByTestId('action-feedback').fill(feedback);
  await page.getByTestId('action-submit').click();
  await page.getByTestId('event-detail-status').filter({ hasText: '已反馈' }).waitFor({ timeout: 30_000 });
  await screenshot(page, '06-feedback-given', { fullPage: true });

  // The citizen reads the progress and the feedback — and nothing personal.
  await cp.goto(`${baseURL}/city-report/status?no=${eventNo}`);
  await cp.getByTestId('city-status-code').fill(code);
  await cp.getByTestId('city-status-submit').click();
  await cp.getByTestId('city-status-result').waitFor({ timeout: 30_000 });
  assert.equal((await cp.getByTestId('city-status-name').textContent()).trim(), '已反馈');
  assert.equal((await cp.getByTestId('city-status-feedback').textContent()).trim(), feedback);
  const shown = await cp.getByTestId('city-status-result').textContent();
  for (const step of ['已受理', '已派遣执法队员', '执法队员已到场', '已现场处置', '已转为行政检查', '已反馈处理结果']) assert.ok(shown.includes(step), `status shows ${step}`);
  for (const secret of [CITIZEN_PHONE, '5678', officerName, '摊主王某', '现场劝离']) assert.ok(!shown.includes(secret), `status page hides ${secret}`);
  await screenshot(cp, '07-citizen-sees-feedback', { fullPage: true });

  // The command screen's response-time panel counts the event, and the dispatcher manages a camera on the devices page.
  await page.goto(`${baseURL}/admin/command`);
  await page.getByTestId('response-stats').locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('command-devices').click();
  await page.getByTestId('devices-page').waitFor({ timeout: 30_000 });
  const camera = `碣石大街摄像头 ${Date.now() % 100000}`;
  await page.getByTestId('device-name').fill(camera);
  await page.getByTestId('device-grid').click();
  await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: 'CL-02' }).first().click();
  await page.getByTestId('device-create').click();
  const token = (await page.getByTestId('device-token').textContent({ timeout: 30_000 })).trim();
  const sourceId = (await page.getByTestId('device-source-id').textContent()).trim();
  await screenshot(page, '08-device-secret-shown-once');
  await page.locator('.ant-modal-footer .ant-btn-primary').last().click();
  const hook = (tok) => page.request.post(`${baseURL}/api/v1/command/webhook`, { headers: { 'x-source-id': sourceId, authorization: `Bearer ${tok}` }, data: { kind: 'illegal_parking', description: '摄像头识别：机动车违停', lng: ev.lng + 0.0002, lat: ev.lat } });
  assert.equal((await hook(token)).status(), 201);
  await page.reload();
  await page.getByTestId(`device-${camera}`).filter({ hasText: 'CL-02' }).waitFor({ timeout: 30_000 });
  assert.ok(!(await page.getByTestId(`device-${camera}`).textContent()).includes('从未上报'), 'last seen is shown');
  await page.getByTestId(`device-rotate-${camera}`).click();
  await page.getByTestId('device-reason').fill('例行更换密钥');
  await page.getByTestId('device-reason-ok').click();
  const rotated = (await page.getByTestId('device-token').textContent({ timeout: 30_000 })).trim();
  assert.notEqual(rotated, token);
  assert.equal((await hook(token)).status(), 401, 'the old secret stops at once');
  assert.equal((await hook(rotated)).status(), 201);
  await page.locator('.ant-modal-footer .ant-btn-primary').last().click();
  await screenshot(page, '09-devices', { fullPage: true });

  // A wrong code is answered like an unknown number.
  await cp.getByTestId('city-status-code').fill(code === '000000' ? '111111' : '000000');
  await cp.getByTestId('city-status-submit').click();
  await cp.getByText('未找到：请核对事件编号和查询码').waitFor({ timeout: 30_000 });
  await phone.close();
  await citizenCtx.close();
}
