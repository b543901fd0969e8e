import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, TEST_PASSWORD, type World } from './factories.ts';
import { login, makeTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await makeTestApp();
  w = await makeWorld(t);
});
afterAll(async () => t?.close());

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, cookie?: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(cookie ? { headers: { cookie } } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });

describe('login, lockout and sessions', () => {
  it('logs in with the right password and sets an httpOnly cookie', async () => {
    const res = await inject('POST', '/api/v1/auth/login', undefined, { username: 'officer', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'zf_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const me = await inject('GET', '/api/v1/auth/me', `zf_sid=${c.value}`);
    expect(me.statusCode).toBe(200);
    expect(me.json().user.role).toBe('officer');
    expect(me.json().scope).toMatchObject({ kind: 'agency', agencyId: w.cityMarket.id });
  });

  it('refuses an unknown user and a wrong password with the same error', async () => {
    const a = await inject('POST', '/api/v1/auth/login', undefined, { username: 'nobody', password: 'x' });
    const b = await inject('POST', '/api/v1/auth/login', undefined, { username: 'auditor', password: 'wrong' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(b.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(b.json().error.messageZh).toBeTruthy();
  });

  it('locks the account on the 6th attempt after 5 wrong passwords, even with the right password, for 15 minutes', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await inject('POST', '/api/v1/auth/login', undefined, { username: 'county_head', password: `wrong-${i}` });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.details.remainingAttempts).toBe(5 - i);
    }
    const sixth = await inject('POST', '/api/v1/auth/login', undefined, { username: 'county_head', password: TEST_PASSWORD });
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().error.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(14 * 60_000);
    expect((await inject('POST', '/api/v1/auth/login', undefined, { username: 'county_head', password: TEST_PASSWORD })).statusCode).toBe(423);
    t.clock.advance(61_000);
    expect((await inject('POST', '/api/v1/auth/login', undefined, { username: 'county_head', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes but not while it is used', async () => {
    const cookie = await login(t, 'head', TEST_PASSWORD);
    t.clock.advance(29 * 60_000);
    expect((await inject('GET', '/api/v1/auth/me', cookie)).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await inject('GET', '/api/v1/auth/me', cookie)).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const res = await inject('GET', '/api/v1/auth/me', cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses anonymous calls to protected routes', async () => {
    const res = await inject('GET', '/api/v1/subjects');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.json().error.requestId).toBeTruthy();
  });

  it('logs out by revoking the session', async () => {
    const cookie = await login(t, 'officer', TEST_PASSWORD);
    expect((await inject('POST', '/api/v1/auth/logout', cookie)).statusCode).toBe(204);
    expect((await inject('GET', '/api/v1/auth/me', cookie)).statusCode).toBe(401);
  });
});

describe('password policy', () => {
  it('refuses a weak new password with the violated rules and accepts a strong one', async () => {
    const cookie = await login(t, 'auditor', TEST_PASSWORD);
    const weak = await inject('POST', '/api/v1/auth/password', cookie, { currentPassword: TEST_PASSWORD, newPassword: 'abc' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    expect(weak.json().error.details.violations).toContain('too_short');
    const reuse = await inject('POST', '/api/v1/auth/password', cookie, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(reuse.statusCode).toBe(422);
    const ok = await inject('POST', '/api/v1/auth/password', cookie, { currentPassword: TEST_PASSWORD, newPassword: 'Better#Pass9753q' });
    expect(ok.statusCode).toBe(204);
    await login(t, 'auditor', 'Better#Pass9753q');
  });
});

describe('三员分立: separated administrators', () => {
  it('the system administrator creates an account but cannot grant it a role', async () => {
    const sys = await login(t, 'sysadmin', TEST_PASSWORD);
    const created = await inject('POST', '/api/v1/users', sys, { username: 'newbie', displayName: '新用户', initialPassword: 'Init#Pass8642z', regionCode: '130300', agencyId: w.cityMarket.id });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'pending', role: null });
    const grant = await inject('POST', `/api/v1/users/${created.json().id}/role`, sys, { role: 'officer', version: created.json().version });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().error.code).toBe('SEPARATION_OF_DUTIES');
    // a pending account cannot log in
    const pending = await inject('POST', '/api/v1/auth/login', undefined, { username: 'newbie', password: 'Init#Pass8642z' });
    expect(pending.json().error.code).toBe('ACCOUNT_INACTIVE');

    const sec = await login(t, 'secadmin', TEST_PASSWORD);
    const granted = await inject('POST', `/api/v1/users/${created.json().id}/role`, sec, { role: 'officer', version: created.json().version });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ status: 'active', role: 'officer' });
    // first login must change the password before anything else
    const cookie = await login(t, 'newbie', 'Init#Pass8642z');
    const blocked = await inject('GET', '/api/v1/subjects', cookie);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('the security administrator cannot create accounts or edit registries, nor read audit logs', async () => {
    const sec = await login(t, 'secadmin', TEST_PASSWORD);
    const create = await inject('POST', '/api/v1/users', sec, { username: 'x_user', displayName: 'x', initialPassword: 'Init#Pass8642z', regionCode: '130300' });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('SEPARATION_OF_DUTIES');
    const audit = await inject('GET', '/api/v1/audit/changes', sec);
    expect(audit.json().error.code).toBe('SEPARATION_OF_DUTIES');
    const reg = await inject('PATCH', `/api/v1/subjects/${w.cityMarket.id}`, sec, { version: 1, name: 'x' });
    expect(reg.statusCode).toBe(403);
  });

  it('the audit administrator reads logs but cannot manage users or security', async () => {
    const aud = await login(t, 'auditor', 'Better#Pass9753q');
    const changes = await inject('GET', '/api/v1/audit/changes', aud);
    expect(changes.statusCode).toBe(200);
    expect(changes.json().length).toBeGreaterThan(0);
    const sec = await inject('GET', '/api/v1/audit/security?kind=account_locked', aud);
    expect(sec.statusCode).toBe(200);
    expect(sec.json().some((e: { username: string }) => e.username === 'county_head')).toBe(true);
    expect((await inject('POST', `/api/v1/users/${w.userIds.officer}/unlock`, aud)).json().error.code).toBe('SEPARATION_OF_DUTIES');
    expect((await inject('GET', '/api/v1/users', aud)).statusCode).toBe(403);
  });

  it('nobody changes their own role', async () => {
    const sec = await login(t, 'secadmin', TEST_PASSWORD);
    const me = await inject('GET', `/api/v1/users/${w.userIds.secadmin}`, sec);
    const res = await inject('POST', `/api/v1/users/${w.userIds.secadmin}/role`, sec, { role: 'system_admin', version: me.json().version });
    expect(res.statusCode).toBe(403);
  });

  it('the security administrator unlocks a locked account', async () => {
    for (let i = 0; i < 5; i++) await inject('POST', '/api/v1/auth/login', undefined, { username: 'other_head', password: 'nope' });
    expect((await inject('POST', '/api/v1/auth/login', undefined, { username: 'other_head', password: TEST_PASSWORD })).statusCode).toBe(423);
    // other_head is in 石家庄, outside the Qinhuangdao security admin's region: invisible
    const sec = await login(t, 'secadmin', TEST_PASSWORD);
    expect((await inject('POST', `/api/v1/users/${w.userIds.otherHead}/unlock`, sec)).statusCode).toBe(404);
  });

  it('the audit log cannot be rewritten, even by the database user', async () => {
    // drizzle wraps the database error; the trigger's message is in the cause.
    const refused = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? e));
    await expect(t.database.db.execute(sql.raw(`update change_events set action = 'x'`))).rejects.toSatisfy(refused);
    await expect(t.database.db.execute(sql.raw('delete from security_events'))).rejects.toSatisfy(refused);
  });
});
