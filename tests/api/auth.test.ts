import { meSchema } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { testApp } from '../support/database';

const { app, db } = testApp();

function login(username: string, password: string) {
  return app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

function sessionCookie(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /tr_session=([^;]+)/.exec(header);
  if (!match) throw new Error(`no session cookie in "${header}"`);
  return `tr_session=${match[1]}`;
}

describe('sign-in', () => {
  it('signs in each demo account and reports its role', async () => {
    for (const role of ['admin', 'satgas', 'ngo'] as const) {
      const res = await login(role, DEFAULT_DEMO_PASSWORD);
      expect(res.status).toBe(200);
      expect(meSchema.parse(await res.json())).toEqual({ username: role, role });
      const me = await app.request('/api/auth/me', { headers: { Cookie: sessionCookie(res) } });
      expect(await me.json()).toEqual({ username: role, role });
    }
  });

  it('sets an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await login('ngo', DEFAULT_DEMO_PASSWORD);
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Strict/i);
  });

  it('gives the same 401 for a wrong password and an unknown user, and audits both', async () => {
    const wrong = await login('admin', 'not-the-password');
    const unknown = await login('nobody-here', 'whatever');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    const [row] = await db.sql`
      select count(*)::int as n from audit_log where action = 'login.failed' and actor in ('admin', 'nobody-here')`;
    expect(row?.n).toBeGreaterThanOrEqual(2);
  });

  it('stores only a scrypt hash, never the password', async () => {
    const [row] = await db.sql<
      { password_hash: string }[]
    >`select password_hash from accounts where username = 'admin'`;
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(row?.password_hash).not.toContain(DEFAULT_DEMO_PASSWORD);
  });

  it('ends the session on logout', async () => {
    const cookie = sessionCookie(await login('satgas', DEFAULT_DEMO_PASSWORD));
    expect(
      (await app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie } })).status,
    ).toBe(204);
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('treats a request without a session as the public tier (401 on /me)', async () => {
    const res = await app.request('/api/auth/me');
    expect(res.status).toBe(401);
  });

  it('rejects a malformed body with a 400 naming the field', async () => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('password');
  });
});
