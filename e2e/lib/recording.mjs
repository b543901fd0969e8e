// REC3 in the journeys: a step whose item requires audio-video is refused until a recording of that step is on file.
// These helpers attach one through the real upload paths: the evidence panel of a detail page (the officer's way), or
// the multipart endpoint for journeys that drive the API.
import { serverClock } from './clock.mjs';

/** A few bytes standing in for an MP4 from a body-worn camera (the store hashes bytes; it does not decode video). */
const MP4 = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]), Buffer.from(`zhifa e2e ${Date.now()} ${Math.random()}`)]);

/** Upload a video of the step `stageZh` (e.g. 调查取证) through the evidence panel on the page being shown. */
export async function attachRecordingInPanel(page, { stageZh, place, proves }) {
  const panel = page.getByTestId('case-evidence');
  await panel.waitFor({ timeout: 30_000 });
  const before = await panel.getByTestId('evidence-open').count();
  await page.getByTestId('evidence-add').click();
  const form = page.getByTestId('evidence-form');
  await form.waitFor();
  await form.locator('input[type=file]').setInputFiles({ name: `${stageZh}录像.mp4`, mimeType: 'video/mp4', buffer: MP4() });
  const stage = form.getByTestId('evidence-stage');
  await stage.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: stageZh }).first().click();
  await form.getByLabel('制作人').fill('执法人员（执法记录仪）');
  await form.getByLabel('采集地点').fill(place);
  await form.getByLabel('采集设备').fill('执法记录仪 DSJ-007');
  await form.getByLabel('采集方法').fill('执法记录仪全程录音录像');
  await form.getByLabel('证明对象').fill(proves);
  await page.getByTestId('evidence-submit').click();
  await form.waitFor({ state: 'detached', timeout: 30_000 });
  await panel.getByTestId('evidence-open').nth(before).waitFor({ timeout: 30_000 });
}

/**
 * Upload a video of `stage` (an AvStage key) for `caseRef` through POST /api/v1/evidence with a session cookie. `now` is
 * the server's clock (journeys move it), so the capture time is never in its future.
 */
export async function attachRecordingApi(baseURL, cookie, caseRef, stage, { now, place = '秦皇岛市海港区' } = {}) {
  now ??= (await serverClock(baseURL)).now;
  const meta = {
    caseRef,
    stage,
    maker: '执法人员（执法记录仪）',
    capturedAt: new Date(now - 20 * 60_000).toISOString(),
    recordingEndedAt: new Date(now - 5 * 60_000).toISOString(),
    capturedPlace: place,
    device: '执法记录仪 DSJ-007',
    deviceReviewed: true,
    method: '执法记录仪全程录音录像',
    proves: `${stage} 环节执法全过程`,
  };
  const form = new FormData();
  form.append('meta', JSON.stringify(meta));
  form.append('file', new Blob([MP4()], { type: 'video/mp4' }), `${stage}.mp4`);
  const res = await fetch(`${baseURL}/api/v1/evidence`, { method: 'POST', headers: { cookie }, body: form });
  if (res.status !== 201) throw new Error(`recording upload: ${res.status} ${await res.text()}`);
  return res.json();
}
