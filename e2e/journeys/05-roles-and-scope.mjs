// Issue #2: logging in as each demo role shows only that role's menus and scope; a locked account and the 三员分立
// separation are visible in the back office.
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, login, logout } from '../lib/session.mjs';

export const name = '各角色登录只见本角色范围 (each demo role sees only its own menus and scope)';


/** username → menus that must be visible / must be absent, and how many subjects the role's scope holds at least/most. */
const ROLES = [
  { user: 'sysadmin', visible: ['menu-users', 'menu-subjects', 'menu-calendar'], absent: ['menu-security', 'menu-audit'] },
  { user: 'secadmin', visible: ['menu-security'], absent: ['menu-users', 'menu-audit', 'menu-subjects'] },
  { user: 'auditor', visible: ['menu-audit'], absent: ['menu-users', 'menu-security', 'menu-subjects'] },
  { user: 'supervisor', visible: ['menu-subjects', 'menu-officers', 'menu-items'], absent: ['menu-users', 'menu-security', 'menu-audit'], subjects: [30, 60] },
  { user: 'county_supervisor', visible: ['menu-subjects'], absent: ['menu-users'], subjects: [5, 20] },
  { user: 'head', visible: ['menu-officers', 'menu-items'], absent: ['menu-users', 'menu-audit'], subjects: [1, 1] },
  { user: 'officer', visible: ['menu-officers'], absent: ['menu-users', 'menu-security', 'menu-audit'], subjects: [1, 1] },
];


export default async function roles({ page, baseURL, screenshot }) {
  for (const r of ROLES) {
    await login(page, baseURL, r.user);
    for (const id of r.visible) assert.ok(await page.getByTestId(id).isVisible(), `${r.user} sees ${id}`);
    for (const id of r.absent) assert.equal(await page.getByTestId(id).count(), 0, `${r.user} does not see ${id}`);
    if (r.subjects) {
      // The page's own data comes from the same scoped API the server enforces.
      const res = await page.request.get(`${baseURL}/api/v1/subjects?pageSize=200`);
      const total = (await res.json()).total;
      assert.ok(total >= r.subjects[0] && total <= r.subjects[1], `${r.user} sees ${total} subjects, expected ${r.subjects.join('–')}`);
    }
    if (r.user === 'supervisor' || r.user === 'auditor') await screenshot(page, `home-${r.user}`);
    await logout(page);
  }

  // The officer is refused another agency's data by the server, not only by the menu.
  await login(page, baseURL, 'officer');
  const other = await (await page.request.get(`${baseURL}/api/v1/subjects?q=${encodeURIComponent('昌黎县')}`)).json();
  assert.equal(other.total, 0, 'an officer cannot list another agency');
  const denied = await page.request.post(`${baseURL}/api/v1/users`, { data: { username: 'x_x', displayName: 'x', initialPassword: 'Xx#12345678q', regionCode: '130300' } });
  assert.equal(denied.status(), 403);
  await logout(page);

  // Five wrong passwords lock the account; the login page says so.
  for (let i = 0; i < 5; i++) {
    await page.getByTestId('login-username').fill('county_head');
    await page.getByTestId('login-password').fill(`wrong-${i}`);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
  }
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForFunction(() => /锁定|locked/i.test(document.querySelector('[data-testid="login-error"]')?.textContent ?? ''), null, { timeout: 15_000 });
  await screenshot(page, 'locked');
}
