// Issue #2: the officer registry — filters over the demo city's officers and the officer card with certificate status.
import assert from 'node:assert/strict';
import { login, logout } from '../lib/session.mjs';

export const name = '执法人员清单与执法证状态 (officer list filters and the officer card with certificate status)';

export default async function officerCard({ page, baseURL, screenshot }) {
  await login(page, baseURL, 'supervisor');

  await page.getByTestId('menu-officers').click();
  await page.getByTestId('officer-row').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'officers');

  // Filter to suspended certificates via the URL the filter bar keeps in sync.
  const api = await (await page.request.get(`${baseURL}/api/v1/officers?certificateStatus=suspended&pageSize=5`)).json();
  assert.ok(api.total > 0, 'the demo city has suspended certificates');
  const suspended = api.items[0];
  await page.goto(`${baseURL}/admin/officers/${suspended.id}`);
  await page.getByTestId('officer-card').waitFor({ timeout: 30_000 });
  const tag = page.getByTestId('officer-card').getByTestId('cert-status-tag');
  assert.equal(await tag.getAttribute('data-status'), 'suspended', 'the card shows the suspended status');
  assert.match(await page.getByTestId('officer-card').innerText(), new RegExp(suspended.certificateSummary.number));
  // Never the full ID number outside administration.
  const body = await page.locator('body').innerText();
  assert.ok(!/\d{17}[\dX]/.test(body), 'no full ID number on the page');
  await screenshot(page, 'officer-card-suspended');

  // An auxiliary staff member carries the warning tag.
  const aux = await (await page.request.get(`${baseURL}/api/v1/officers?personnelType=auxiliary&pageSize=1`)).json();
  await page.goto(`${baseURL}/admin/officers/${aux.items[0].id}`);
  await page.getByTestId('auxiliary-warning').waitFor({ timeout: 30_000 });
  // The supervisor reads but does not maintain the agency's records.
  assert.equal(await page.getByTestId('officer-photo-upload').count(), 0, 'no upload button for the supervisor');
  await logout(page);

  // The agency head uploads a card photo for one of the agency's officers.
  await login(page, baseURL, 'head');
  const mine = await (await page.request.get(`${baseURL}/api/v1/officers?personnelType=civil_servant&pageSize=1`)).json();
  await page.goto(`${baseURL}/admin/officers/${mine.items[0].id}`);
  await page.getByTestId('officer-photo-upload').waitFor({ timeout: 30_000 });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  await page.getByTestId('officer-photo-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
  const img = page.getByTestId('officer-photo');
  await img.waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="officer-photo"]')?.naturalWidth > 0, null, { timeout: 15_000 });
}
