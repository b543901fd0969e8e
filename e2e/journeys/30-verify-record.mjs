// Issue #8 (first part): the audit administrator picks a change event, opens its public check, and the visitor's
// browser verifies — with no login — that the record is in the signed, tamper-evident log.
import assert from 'node:assert/strict';
import { login } from '../lib/session.mjs';

export const name = '公众核验一条执法记录在防篡改日志中 (a record is verified against the signed log in the browser)';

export default async function verifyRecord({ page, context, baseURL, screenshot }) {
  // Wait for the in-process sequencer to sign a tree head covering the demo seed.
  let cp = null;
  for (let i = 0; i < 60 && !cp; i++) {
    const r = await page.request.get(`${baseURL}/api/v1/public/ledger/checkpoint`);
    if (r.status() === 200) cp = await r.json();
    else await page.waitForTimeout(1000);
  }
  assert.ok(cp && cp.treeSize > 0, 'a signed tree head exists');

  await login(page, baseURL, 'auditor');
  await page.getByTestId('menu-audit').click();
  const link = page.getByTestId('audit-verify-link').last();
  await link.waitFor({ timeout: 30_000 });
  const href = await link.getAttribute('href');
  assert.match(href, /^\/verify\?hash=[0-9a-f]{64}$/);

  // The check itself needs no login: a fresh context, as a member of the public.
  await context.clearCookies();
  await page.goto(`${baseURL}${href}`);
  await page.getByTestId('verify-checkpoint-signature').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('verify-checkpoint-signature').getAttribute('data-ok'), 'true', 'tree head signature verifies in the browser');
  await page.getByTestId('verify-submit').click();
  const result = page.getByTestId('verify-result');
  await result.waitFor({ timeout: 30_000 });
  assert.equal(await result.getAttribute('data-included'), 'true', 'the inclusion proof verifies in the browser');
  assert.equal(await page.getByTestId('verify-signature').getAttribute('data-ok'), 'true');
  await screenshot(page, 'verified');

  // A hash that is not in the log is refused.
  await page.getByTestId('verify-hash-input').fill('ab'.repeat(32));
  await page.getByTestId('verify-submit').click();
  await page.getByTestId('error-alert').waitFor({ timeout: 15_000 });
}
