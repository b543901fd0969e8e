// Smoke: the built web app is served at / and renders, and the API publishes its OpenAPI document.
import assert from 'node:assert/strict';

export const name = '打开首页并读取 API 文档 (home page loads, OpenAPI is served)';

export default async function smoke({ page, baseURL, screenshot }) {
  const uncaught = [];
  page.on('pageerror', (e) => uncaught.push(e.message));

  const res = await page.goto(`${baseURL}/`, { waitUntil: 'load' });
  assert.ok(res, 'no response for /');
  assert.equal(res.status(), 200, `GET / answered ${res.status()}`);
  assert.match(await page.title(), /执法/, 'the page title names the platform (apps/web/index.html <title>)');
  assert.equal(await page.locator('#root').count(), 1, 'the page has #root');
  // React rendered something into #root: the bundle loaded and ran.
  await page.locator('#root > *').first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  await screenshot(page, 'home');
  assert.deepEqual(uncaught, [], 'no uncaught errors in the page');

  const api = await page.request.get(`${baseURL}/api/openapi.json`);
  assert.equal(api.status(), 200, `GET /api/openapi.json answered ${api.status()}`);
  assert.match(api.headers()['content-type'] ?? '', /json/, 'OpenAPI is served as JSON');
  const doc = await api.json();
  assert.equal(typeof doc.openapi, 'string', 'the OpenAPI document has an `openapi` version field');
  assert.ok(doc.paths && Object.keys(doc.paths).some((p) => p.startsWith('/api/v1')), 'OpenAPI lists /api/v1 paths');
}
